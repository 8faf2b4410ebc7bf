namespace Fabric.Chaincode.Internal;

/// <summary>Identifies one running invocation on a peer stream: the peer multiplexes transactions by channel and tx ID.</summary>
internal readonly record struct TransactionKey(string ChannelId, string TxId)
{
    public override string ToString() => $"{ChannelId}/{TxId}";
}
