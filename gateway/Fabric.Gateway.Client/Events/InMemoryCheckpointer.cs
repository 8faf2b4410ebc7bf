namespace Fabric.Gateway.Client;

/// <summary>A checkpointer that lives as long as the process; for resuming a listener within one run.</summary>
public sealed class InMemoryCheckpointer : ICheckpointer
{
    private readonly Lock _gate = new();
    private ulong _blockNumber;
    private string? _transactionId;

    public ulong BlockNumber
    {
        get
        {
            lock (_gate)
            {
                return _blockNumber;
            }
        }
    }

    public string? TransactionId
    {
        get
        {
            lock (_gate)
            {
                return _transactionId;
            }
        }
    }

    public ValueTask CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default) =>
        CheckpointTransactionAsync(blockNumber + 1, string.Empty, cancellationToken);

    public ValueTask CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _blockNumber = blockNumber;
            _transactionId = transactionId;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeEvent);
        return CheckpointTransactionAsync(chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, cancellationToken);
    }
}
