using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Peer;

/// <summary>Keys written by the valid transactions of the block being validated so far.</summary>
internal sealed class BlockUpdates
{
    private readonly HashSet<(string Ns, string Key)> _public = [];
    private readonly HashSet<(string Ns, string Collection, ByteString KeyHash)> _hashed = [];

    public bool Wrote(string ns, string key) => _public.Contains((ns, key));

    public bool WroteHash(string ns, string collection, ByteString keyHash) => _hashed.Contains((ns, collection, keyHash));

    public IEnumerable<string> KeysWritten(string ns) => _public.Where(k => k.Ns == ns).Select(k => k.Key);

    public void Record(TxReadWriteSet readWriteSet)
    {
        foreach (var ns in readWriteSet.NsRwset)
        {
            var kv = KVRWSet.Parser.ParseFrom(ns.Rwset);
            foreach (var write in kv.Writes)
            {
                _public.Add((ns.Namespace, write.Key));
            }

            foreach (var write in kv.MetadataWrites)
            {
                _public.Add((ns.Namespace, write.Key));
            }

            foreach (var collection in ns.CollectionHashedRwset)
            {
                var hashed = HashedRWSet.Parser.ParseFrom(collection.HashedRwset);
                foreach (var write in hashed.HashedWrites)
                {
                    _hashed.Add((ns.Namespace, collection.CollectionName, write.KeyHash));
                }

                foreach (var write in hashed.MetadataWrites)
                {
                    _hashed.Add((ns.Namespace, collection.CollectionName, write.KeyHash));
                }
            }
        }
    }
}

/// <summary>Fabric's MVCC check of one transaction's read set against the committed state and the block's earlier writes.</summary>
internal sealed class MvccValidator(IWorldState state, BlockUpdates updates)
{
    public TxValidationCode Validate(TxReadWriteSet readWriteSet)
    {
        foreach (var ns in readWriteSet.NsRwset)
        {
            var kv = KVRWSet.Parser.ParseFrom(ns.Rwset);
            foreach (var read in kv.Reads)
            {
                if (updates.Wrote(ns.Namespace, read.Key)
                    || !SameVersion(read.Version, state.GetState(ns.Namespace, read.Key)?.Version))
                {
                    return TxValidationCode.MvccReadConflict;
                }
            }

            foreach (var range in kv.RangeQueriesInfo)
            {
                if (!RangeUnchanged(ns.Namespace, range))
                {
                    return TxValidationCode.PhantomReadConflict;
                }
            }

            foreach (var collection in ns.CollectionHashedRwset)
            {
                var hashed = HashedRWSet.Parser.ParseFrom(collection.HashedRwset);
                foreach (var read in hashed.HashedReads)
                {
                    if (updates.WroteHash(ns.Namespace, collection.CollectionName, read.KeyHash)
                        || !SameVersion(read.Version, state.GetPrivateDataHash(ns.Namespace, collection.CollectionName, read.KeyHash.ToByteArray())?.Version))
                    {
                        return TxValidationCode.MvccReadConflict;
                    }
                }
            }
        }

        return TxValidationCode.Valid;
    }

    /// <summary>
    /// Re-runs the range query and compares it with what the chaincode saw. When the chaincode stopped early
    /// (iterator not exhausted), the range ends at the last key it read, inclusive.
    /// </summary>
    private bool RangeUnchanged(string ns, RangeQueryInfo range)
    {
        if (range.RawReads is null)
        {
            // Only a Merkle summary was recorded; it cannot be compared key by key, so new writes in range are the test.
            return !updates.KeysWritten(ns).Any(k => InRange(k, range.StartKey, range.EndKey, null));
        }

        var reads = range.RawReads.KvReads;
        string? lastKey = range.ItrExhausted || reads.Count == 0 ? null : reads[^1].Key;
        if (updates.KeysWritten(ns).Any(k => InRange(k, range.StartKey, range.EndKey, lastKey)))
        {
            return false;
        }

        var index = 0;
        foreach (var (key, value) in state.GetStateRange(ns, range.StartKey, range.EndKey))
        {
            if (lastKey is not null && string.CompareOrdinal(key, lastKey) > 0)
            {
                break;
            }

            if (index >= reads.Count || reads[index].Key != key || !SameVersion(reads[index].Version, value.Version))
            {
                return false;
            }

            index++;
        }

        return index == reads.Count;
    }

    private static bool InRange(string key, string start, string end, string? lastInclusive) =>
        string.CompareOrdinal(key, start) >= 0
        && (end.Length == 0 || string.CompareOrdinal(key, end) < 0)
        && (lastInclusive is null || string.CompareOrdinal(key, lastInclusive) <= 0);

    private static bool SameVersion(Fabric.Protos.Ledger.Rwset.Kvrwset.Version? read, Height? committed) =>
        read is null
            ? committed is null
            : committed is { } c && c.BlockNumber == read.BlockNum && c.TxNumber == read.TxNum;
}
