namespace Fabric.Gateway.Client;

/// <summary>A transaction the orderer has accepted: its endorsement result now, its commit status when awaited.</summary>
public sealed class SubmittedTransaction
{
    internal SubmittedTransaction(byte[] result, Commit commit)
    {
        Result = result;
        Commit = commit;
    }

    public string TransactionId => Commit.TransactionId;

    /// <summary>The chaincode's response payload from endorsement.</summary>
    public ReadOnlyMemory<byte> Result { get; }

    /// <summary>Awaits and reports the commit.</summary>
    public Commit Commit { get; }

    /// <summary>Shortcut for <see cref="Commit.GetStatusAsync"/>.</summary>
    public Task<CommitStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Commit.GetStatusAsync(cancellationToken);
}
