namespace Fabric.Gateway.Client;

/// <summary>
/// Records how far an event listener got, so that after a restart it resumes with no gap and no duplicate:
/// checkpoint each chaincode event (or block) after processing it, and pass the checkpointer as
/// <see cref="EventsOptions.Checkpoint"/> when listening again.
/// </summary>
public interface ICheckpointer : ICheckpoint
{
    /// <summary>Records that block <paramref name="blockNumber"/> was fully processed: resume at the next one.</summary>
    ValueTask CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="transactionId"/> in <paramref name="blockNumber"/> was processed.</summary>
    ValueTask CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default);

    /// <summary>Records that the transaction that emitted <paramref name="chaincodeEvent"/> was processed.</summary>
    ValueTask CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default);
}
