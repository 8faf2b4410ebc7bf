using System.Collections.Concurrent;
using Fabric.Protos.Ledger.Rwset;

namespace Fabric.DevNetwork.Peer;

/// <summary>
/// Private write sets disseminated to this peer at endorsement time, waiting for their transaction to commit (Fabric's
/// transient store). Entries of transactions that never commit (evaluations, failed submissions) expire.
/// </summary>
internal sealed class TransientStore(TimeProvider timeProvider)
{
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (TxPvtReadWriteSet Writes, DateTimeOffset Received)> _entries = new(StringComparer.Ordinal);

    public void Put(string txId, TxPvtReadWriteSet writes) => _entries[txId] = (writes, timeProvider.GetUtcNow());

    /// <summary>Removes and returns the private writes of a transaction being committed.</summary>
    public TxPvtReadWriteSet? Take(string txId) => _entries.TryRemove(txId, out var entry) ? entry.Writes : null;

    public void PurgeExpired()
    {
        var cutoff = timeProvider.GetUtcNow() - Expiry;
        foreach (var (txId, entry) in _entries)
        {
            if (entry.Received < cutoff)
            {
                _entries.TryRemove(txId, out _);
            }
        }
    }
}
