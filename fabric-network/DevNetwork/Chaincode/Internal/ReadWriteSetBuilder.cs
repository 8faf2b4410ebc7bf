using System.Security.Cryptography;
using System.Text;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// Records a simulation's reads and writes the way Fabric's rwsetutil does, and serializes them deterministically:
/// namespaces, collections and keys in UTF-8 byte order (hashed entries ordered by their cleartext key), range
/// queries in the order they were made, one read and one write per key (the last one wins). Two endorsers simulating
/// the same proposal over the same state therefore produce byte-identical read-write sets.
/// </summary>
internal sealed class ReadWriteSetBuilder
{
    private readonly SortedDictionary<string, NamespaceBuilder> namespaces = new(Utf8OrdinalComparer.Instance);

    public void AddRead(string ns, string key, Height? version) =>
        Namespace(ns).Reads[key] = new KVRead { Key = key, Version = ToProto(version) };

    public void AddWrite(string ns, string key, byte[]? value) => Namespace(ns).Writes[key] = NewWrite(key, value);

    public void AddMetadataWrite(string ns, string key, IReadOnlyDictionary<string, byte[]>? metadata)
    {
        var write = new KVMetadataWrite { Key = key };
        write.Entries.AddRange(SortedEntries(metadata));
        Namespace(ns).MetadataWrites[key] = write;
    }

    public void AddRangeQuery(string ns, RangeQueryInfo info)
    {
        var builder = Namespace(ns);
        var identity = (info.StartKey, info.EndKey, info.ItrExhausted);
        if (builder.RangeQueryKeys.Add(identity))
        {
            builder.RangeQueries.Add(info);
        }
    }

    public void AddHashedRead(string ns, string collection, string key, Height? version) =>
        Collection(ns, collection).HashedReads[key] = new KVReadHash { KeyHash = HashOf(key), Version = ToProto(version) };

    public void AddPrivateWrite(string ns, string collection, string key, byte[]? value, bool isPurge = false)
    {
        var write = NewWrite(key, value);
        var hashed = new KVWriteHash { KeyHash = HashOf(key), IsDelete = write.IsDelete, IsPurge = isPurge };
        if (!write.IsDelete)
        {
            hashed.ValueHash = ByteString.CopyFrom(SHA256.HashData(write.Value.Span));
        }

        var builder = Collection(ns, collection);
        builder.PrivateWrites[key] = write;
        builder.HashedWrites[key] = hashed;
    }

    public void AddPrivateMetadataWrite(string ns, string collection, string key, IReadOnlyDictionary<string, byte[]>? metadata)
    {
        // Fabric keeps the entries only in the hashed set; the private set just names the key.
        var hashed = new KVMetadataWriteHash { KeyHash = HashOf(key) };
        hashed.Entries.AddRange(SortedEntries(metadata));
        var builder = Collection(ns, collection);
        builder.PrivateMetadataWrites[key] = new KVMetadataWrite { Key = key };
        builder.HashedMetadataWrites[key] = hashed;
    }

    /// <summary>The public read-write set (with hashed private sets) and the cleartext private set, or null when nothing private was written.</summary>
    public (TxReadWriteSet Public, TxPvtReadWriteSet? Private) Build()
    {
        var publicSet = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        var privateSet = new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        foreach (var (ns, builder) in namespaces)
        {
            var kv = new KVRWSet();
            kv.Reads.AddRange(builder.Reads.Values);
            kv.RangeQueriesInfo.AddRange(builder.RangeQueries);
            kv.Writes.AddRange(builder.Writes.Values);
            kv.MetadataWrites.AddRange(builder.MetadataWrites.Values);
            var nsSet = new NsReadWriteSet { Namespace = ns, Rwset = kv.ToByteString() };
            var nsPrivate = new NsPvtReadWriteSet { Namespace = ns };
            foreach (var (name, collection) in builder.Collections)
            {
                var hashed = new HashedRWSet();
                hashed.HashedReads.AddRange(collection.HashedReads.Values);
                hashed.HashedWrites.AddRange(collection.HashedWrites.Values);
                hashed.MetadataWrites.AddRange(collection.HashedMetadataWrites.Values);
                var collectionSet = new CollectionHashedReadWriteSet { CollectionName = name, HashedRwset = hashed.ToByteString() };
                if (collection.PrivateWrites.Count > 0 || collection.PrivateMetadataWrites.Count > 0)
                {
                    var privateKv = new KVRWSet();
                    privateKv.Writes.AddRange(collection.PrivateWrites.Values);
                    privateKv.MetadataWrites.AddRange(collection.PrivateMetadataWrites.Values);
                    var privateBytes = privateKv.ToByteString();
                    nsPrivate.CollectionPvtRwset.Add(new CollectionPvtReadWriteSet { CollectionName = name, Rwset = privateBytes });
                    collectionSet.PvtRwsetHash = ByteString.CopyFrom(SHA256.HashData(privateBytes.Span));
                }

                nsSet.CollectionHashedRwset.Add(collectionSet);
            }

            publicSet.NsRwset.Add(nsSet);
            if (nsPrivate.CollectionPvtRwset.Count > 0)
            {
                privateSet.NsPvtRwset.Add(nsPrivate);
            }
        }

        return (publicSet, privateSet.NsPvtRwset.Count > 0 ? privateSet : null);
    }

    private static KVWrite NewWrite(string key, byte[]? value)
    {
        // An empty value is a delete, as in Fabric.
        var isDelete = value is null || value.Length == 0;
        return new KVWrite { Key = key, IsDelete = isDelete, Value = isDelete ? ByteString.Empty : ByteString.CopyFrom(value) };
    }

    private static IEnumerable<KVMetadataEntry> SortedEntries(IReadOnlyDictionary<string, byte[]>? metadata) =>
        (metadata ?? new Dictionary<string, byte[]>())
            .OrderBy(e => e.Key, Utf8OrdinalComparer.Instance)
            .Select(e => new KVMetadataEntry { Name = e.Key, Value = ByteString.CopyFrom(e.Value) });

    private static ByteString HashOf(string key) => ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static Protos.Ledger.Rwset.Kvrwset.Version? ToProto(Height? version) =>
        version is { } v ? new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = v.BlockNumber, TxNum = v.TxNumber } : null;

    private NamespaceBuilder Namespace(string ns)
    {
        if (!namespaces.TryGetValue(ns, out var builder))
        {
            builder = new NamespaceBuilder();
            namespaces[ns] = builder;
        }

        return builder;
    }

    private CollectionBuilder Collection(string ns, string collection)
    {
        var builder = Namespace(ns);
        if (!builder.Collections.TryGetValue(collection, out var collectionBuilder))
        {
            collectionBuilder = new CollectionBuilder();
            builder.Collections[collection] = collectionBuilder;
        }

        return collectionBuilder;
    }

    private sealed class NamespaceBuilder
    {
        public SortedDictionary<string, KVRead> Reads { get; } = new(Utf8OrdinalComparer.Instance);

        public SortedDictionary<string, KVWrite> Writes { get; } = new(Utf8OrdinalComparer.Instance);

        public SortedDictionary<string, KVMetadataWrite> MetadataWrites { get; } = new(Utf8OrdinalComparer.Instance);

        public List<RangeQueryInfo> RangeQueries { get; } = [];

        public HashSet<(string, string, bool)> RangeQueryKeys { get; } = [];

        public SortedDictionary<string, CollectionBuilder> Collections { get; } = new(Utf8OrdinalComparer.Instance);
    }

    private sealed class CollectionBuilder
    {
        public SortedDictionary<string, KVReadHash> HashedReads { get; } = new(Utf8OrdinalComparer.Instance);

        public SortedDictionary<string, KVWriteHash> HashedWrites { get; } = new(Utf8OrdinalComparer.Instance);

        public SortedDictionary<string, KVMetadataWriteHash> HashedMetadataWrites { get; } = new(Utf8OrdinalComparer.Instance);

        public SortedDictionary<string, KVWrite> PrivateWrites { get; } = new(Utf8OrdinalComparer.Instance);

        public SortedDictionary<string, KVMetadataWrite> PrivateMetadataWrites { get; } = new(Utf8OrdinalComparer.Instance);
    }
}
