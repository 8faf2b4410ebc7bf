namespace Fabric.Gateway.Client;

/// <summary>An event emitted by a chaincode transaction that was committed as VALID.</summary>
/// <param name="BlockNumber">The block that holds the transaction.</param>
/// <param name="TransactionId">The transaction that emitted the event.</param>
/// <param name="ChaincodeName">The chaincode that emitted it.</param>
/// <param name="EventName">The name the chaincode gave the event.</param>
/// <param name="Payload">The event's payload.</param>
public sealed record ChaincodeEvent(ulong BlockNumber, string TransactionId, string ChaincodeName, string EventName, ReadOnlyMemory<byte> Payload);
