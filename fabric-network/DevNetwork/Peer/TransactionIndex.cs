using System.Collections.Concurrent;
using Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Peer;

/// <summary>Where each committed transaction ID landed and its validation code; waiters are told when it commits.</summary>
internal sealed class TransactionIndex
{
    private readonly ConcurrentDictionary<string, TransactionStatus> _committed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TransactionStatus>> _waiters = new(StringComparer.Ordinal);

    public bool Contains(string txId) => _committed.ContainsKey(txId);

    public TransactionStatus? Find(string txId) => _committed.TryGetValue(txId, out var status) ? status : null;

    /// <summary>Records a transaction; the first occurrence of a transaction ID wins (later ones are duplicates).</summary>
    public void Add(string txId, TransactionStatus status)
    {
        if (_committed.TryAdd(txId, status) && _waiters.TryRemove(txId, out var waiter))
        {
            waiter.TrySetResult(status);
        }
    }

    public async Task<TransactionStatus> WaitAsync(string txId, CancellationToken cancellationToken)
    {
        if (Find(txId) is { } known)
        {
            return known;
        }

        var waiter = _waiters.GetOrAdd(txId, _ => new TaskCompletionSource<TransactionStatus>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Find(txId) is { } raced)
        {
            return raced;
        }

        return await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}

internal sealed record TransactionStatus(ulong BlockNumber, TxValidationCode Code);
