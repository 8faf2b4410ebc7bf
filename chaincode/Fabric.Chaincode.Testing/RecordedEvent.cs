namespace Fabric.Chaincode.Testing;

/// <summary>A chaincode event set by a committed transaction of the in-memory stub.</summary>
public sealed record RecordedEvent(string TxId, string Name, ReadOnlyMemory<byte> Payload);
