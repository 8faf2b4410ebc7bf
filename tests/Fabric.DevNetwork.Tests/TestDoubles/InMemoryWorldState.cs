using System.Security.Cryptography;
using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;

namespace Fabric.DevNetwork.Tests.TestDoubles;

/// <summary>
/// A plain in-memory world state for the peer's tests (the real one lives in Ledger/): public state, private data of
/// the collections this peer received, and hashes of all private data, applied from the committer's valid transactions.
/// </summary>
internal sealed class InMemoryWorldState : IWorldState
{
    private readonly object _gate = new();
    private readonly SortedDictionary<(string Ns, string Key), VersionedValue> _public = new(new OrdinalPairComparer());
    private readonly Dictionary<(string Ns, string Collection, string Key), VersionedValue> _private = [];
    private readonly Dictionary<(string Ns, string Collection, string KeyHash), VersionedHash> _hashes = [];

    public ulong? LastBlockNumber { get; private set; }

    // The peer tests' scripted runtime never simulates while a block commits, so a live view serves as a snapshot.
    public IWorldState GetSnapshot() => this;

    public List<ulong> AppliedBlocks { get; } = [];

    public VersionedValue? GetState(string ns, string key)
    {
        lock (_gate)
        {
            return _public.GetValueOrDefault((ns, key));
        }
    }

    public IEnumerable<KeyValuePair<string, VersionedValue>> GetStateRange(string ns, string startKey, string endKey)
    {
        lock (_gate)
        {
            return _public
                .Where(e => e.Key.Ns == ns && string.CompareOrdinal(e.Key.Key, startKey) >= 0 && (endKey.Length == 0 || string.CompareOrdinal(e.Key.Key, endKey) < 0))
                .Select(e => KeyValuePair.Create(e.Key.Key, e.Value))
                .ToList();
        }
    }

    public VersionedValue? GetPrivateData(string ns, string collection, string key)
    {
        lock (_gate)
        {
            return _private.GetValueOrDefault((ns, collection, key));
        }
    }

    public IEnumerable<KeyValuePair<string, VersionedValue>> GetPrivateDataRange(string ns, string collection, string startKey, string endKey)
    {
        lock (_gate)
        {
            return _private
                .Where(e => e.Key.Ns == ns && e.Key.Collection == collection && string.CompareOrdinal(e.Key.Key, startKey) >= 0
                    && (endKey.Length == 0 || string.CompareOrdinal(e.Key.Key, endKey) < 0))
                .OrderBy(e => e.Key.Key, StringComparer.Ordinal)
                .Select(e => KeyValuePair.Create(e.Key.Key, e.Value))
                .ToList();
        }
    }

    public VersionedHash? GetPrivateDataHash(string ns, string collection, byte[] keyHash)
    {
        lock (_gate)
        {
            return _hashes.GetValueOrDefault((ns, collection, Convert.ToHexString(keyHash)));
        }
    }

    public IReadOnlyList<KeyModificationEntry> GetHistory(string ns, string key) => [];

    public void ApplyBlock(ulong blockNumber, IReadOnlyList<CommittedTransaction> validTransactions)
    {
        lock (_gate)
        {
            foreach (var transaction in validTransactions)
            {
                var height = new Height(blockNumber, transaction.TxNumber);
                foreach (var ns in transaction.ReadWriteSet.NsRwset)
                {
                    var kv = KVRWSet.Parser.ParseFrom(ns.Rwset);
                    foreach (var write in kv.Writes)
                    {
                        if (write.IsDelete)
                        {
                            _public.Remove((ns.Namespace, write.Key));
                        }
                        else
                        {
                            var metadata = _public.GetValueOrDefault((ns.Namespace, write.Key))?.Metadata ?? new Dictionary<string, byte[]>();
                            _public[(ns.Namespace, write.Key)] = new VersionedValue(write.Value.ToByteArray(), height, metadata);
                        }
                    }

                    foreach (var metadataWrite in kv.MetadataWrites)
                    {
                        var existing = _public.GetValueOrDefault((ns.Namespace, metadataWrite.Key));
                        var entries = metadataWrite.Entries.ToDictionary(e => e.Name, e => e.Value.ToByteArray());
                        _public[(ns.Namespace, metadataWrite.Key)] = new VersionedValue(existing?.Value ?? [], height, entries);
                    }

                    foreach (var collection in ns.CollectionHashedRwset)
                    {
                        var hashed = HashedRWSet.Parser.ParseFrom(collection.HashedRwset);
                        foreach (var write in hashed.HashedWrites)
                        {
                            var key = (ns.Namespace, collection.CollectionName, Convert.ToHexString(write.KeyHash.Span));
                            if (write.IsDelete)
                            {
                                _hashes.Remove(key);
                            }
                            else
                            {
                                _hashes[key] = new VersionedHash(write.ValueHash.ToByteArray(), height, new Dictionary<string, byte[]>());
                            }
                        }
                    }
                }

                foreach (var ns in transaction.PrivateWrites?.NsPvtRwset ?? [])
                {
                    foreach (var collection in ns.CollectionPvtRwset)
                    {
                        foreach (var write in KVRWSet.Parser.ParseFrom(collection.Rwset).Writes)
                        {
                            if (write.IsDelete)
                            {
                                _private.Remove((ns.Namespace, collection.CollectionName, write.Key));
                            }
                            else
                            {
                                _private[(ns.Namespace, collection.CollectionName, write.Key)] =
                                    new VersionedValue(write.Value.ToByteArray(), height, new Dictionary<string, byte[]>());
                            }
                        }
                    }
                }
            }

            LastBlockNumber = blockNumber;
            AppliedBlocks.Add(blockNumber);
        }
    }

    public static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    private sealed class OrdinalPairComparer : IComparer<(string Ns, string Key)>
    {
        public int Compare((string Ns, string Key) x, (string Ns, string Key) y)
        {
            var ns = string.CompareOrdinal(x.Ns, y.Ns);
            return ns != 0 ? ns : string.CompareOrdinal(x.Key, y.Key);
        }
    }
}
