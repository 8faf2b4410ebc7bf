namespace Fabric.Gateway.TestDoubles;

/// <summary>A chaincode invocation as the scripted peer decoded it from a verified signed proposal.</summary>
public sealed record Invocation(
    string ChannelId,
    string ChaincodeName,
    string TransactionId,
    string CreatorMspId,
    IReadOnlyList<byte[]> Args,
    IReadOnlyDictionary<string, byte[]> Transient,
    IReadOnlyList<string> Organizations)
{
    /// <summary>The first argument: the (possibly contract-qualified) transaction name.</summary>
    public string Function => System.Text.Encoding.UTF8.GetString(Args[0]);

    /// <summary>The arguments after the transaction name as UTF-8 strings.</summary>
    public IReadOnlyList<string> StringArgs => [.. Args.Skip(1).Select(a => System.Text.Encoding.UTF8.GetString(a))];
}

/// <summary>What the scripted chaincode answers, and how the transaction fares at commit.</summary>
public sealed record ChaincodeOutcome(byte[] Payload)
{
    public int Status { get; init; } = 200;

    public string Message { get; init; } = string.Empty;

    /// <summary>An event the transaction emits (committed only if the transaction is valid).</summary>
    public (string Name, byte[] Payload)? Event { get; init; }

    /// <summary>The validation code the transaction gets when it is committed.</summary>
    public Fabric.Protos.Peer.TxValidationCode ValidationCode { get; init; } = Fabric.Protos.Peer.TxValidationCode.Valid;
}
