using System.Security.Cryptography;
using System.Text;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabric.DevNetwork.Storage;

/// <summary>
/// A private key purged by PurgePrivateData (a hashed write with <c>is_purge</c>) in transaction
/// <paramref name="TxNumber"/> of block <paramref name="BlockNumber"/>: every earlier write of it must leave the
/// peer's private store, as Fabric v2.5 removes it from its private data store and not only from the private state.
/// </summary>
internal sealed record PurgedPrivateKey(ulong BlockNumber, ulong TxNumber, string Namespace, string Collection, ByteString KeyHash)
{
    /// <summary>True when the purge came after the transaction at (<paramref name="blockNumber"/>, <paramref name="txNumber"/>).</summary>
    public bool Follows(ulong blockNumber, ulong txNumber) =>
        blockNumber < BlockNumber || (blockNumber == BlockNumber && txNumber < TxNumber);

    /// <summary>The purges in a transaction's public read-write set.</summary>
    public static IEnumerable<PurgedPrivateKey> In(ulong blockNumber, ulong txNumber, TxReadWriteSet readWriteSet) =>
        readWriteSet.NsRwset.SelectMany(ns => ns.CollectionHashedRwset.SelectMany(collection =>
            HashedRWSet.Parser.ParseFrom(collection.HashedRwset).HashedWrites
                .Where(w => w.IsPurge)
                .Select(w => new PurgedPrivateKey(blockNumber, txNumber, ns.Namespace, collection.CollectionName, w.KeyHash))));

    /// <summary>
    /// A copy of <paramref name="set"/> without the writes (values and metadata) of the purged keys, dropping collections,
    /// namespaces left empty; null when nothing is left. Returns the same instance when no purge applies to it.
    /// </summary>
    /// <remarks>
    /// A collection write set that keeps other keys no longer matches the hash in its block, so after a restart the
    /// dev network treats those other keys as missing on this peer (its state is rebuilt from blocks and this store).
    /// </remarks>
    public static TxPvtReadWriteSet? Without(TxPvtReadWriteSet set, IReadOnlyCollection<PurgedPrivateKey> purged)
    {
        if (purged.Count == 0)
        {
            return set;
        }

        var result = new TxPvtReadWriteSet { DataModel = set.DataModel };
        var changed = false;
        foreach (var ns in set.NsPvtRwset)
        {
            var kept = new NsPvtReadWriteSet { Namespace = ns.Namespace };
            foreach (var collection in ns.CollectionPvtRwset)
            {
                var hashes = purged.Where(p => p.Namespace == ns.Namespace && p.Collection == collection.CollectionName)
                    .Select(p => p.KeyHash).ToHashSet();
                if (hashes.Count == 0)
                {
                    kept.CollectionPvtRwset.Add(collection);
                    continue;
                }

                var writes = KVRWSet.Parser.ParseFrom(collection.Rwset);
                var remaining = new KVRWSet();
                remaining.Reads.Add(writes.Reads);
                remaining.RangeQueriesInfo.Add(writes.RangeQueriesInfo);
                remaining.Writes.Add(writes.Writes.Where(w => !hashes.Contains(HashOf(w.Key))));
                remaining.MetadataWrites.Add(writes.MetadataWrites.Where(w => !hashes.Contains(HashOf(w.Key))));
                if (remaining.Writes.Count == writes.Writes.Count && remaining.MetadataWrites.Count == writes.MetadataWrites.Count)
                {
                    kept.CollectionPvtRwset.Add(collection);
                    continue;
                }

                changed = true;
                if (remaining.Writes.Count > 0 || remaining.MetadataWrites.Count > 0)
                {
                    kept.CollectionPvtRwset.Add(new CollectionPvtReadWriteSet { CollectionName = collection.CollectionName, Rwset = remaining.ToByteString() });
                }
            }

            if (kept.CollectionPvtRwset.Count > 0)
            {
                result.NsPvtRwset.Add(kept);
            }
        }

        if (!changed)
        {
            return set;
        }

        return result.NsPvtRwset.Count > 0 ? result : null;
    }

    private static ByteString HashOf(string key) => ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
