namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// What one proposal's execution shares across chaincode-to-chaincode calls on its channel: the original invocation
/// (identity, collections, signed proposal) and the one simulator that collects every namespace's reads and writes.
/// </summary>
internal sealed record InvocationScope(ChaincodeInvocation Invocation, TransactionSimulator Simulator)
{
    public string TxId => Invocation.TxId;

    public string ChannelId => Invocation.ChannelId;
}
