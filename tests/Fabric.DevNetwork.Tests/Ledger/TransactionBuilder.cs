using System.Security.Cryptography;
using System.Text;
using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabric.DevNetwork.Tests.Ledger;

/// <summary>Builds committed transactions by hand, as the committer would hand them to the world state.</summary>
internal sealed class TransactionBuilder
{
    private readonly Dictionary<string, KVRWSet> publicSets = [];
    private readonly Dictionary<(string Ns, string Coll), HashedRWSet> hashedSets = [];
    private readonly Dictionary<(string Ns, string Coll), KVRWSet> privateSets = [];

    public TransactionBuilder Put(string ns, string key, string value)
    {
        Public(ns).Writes.Add(new KVWrite { Key = key, Value = ByteString.CopyFromUtf8(value) });
        return this;
    }

    public TransactionBuilder Delete(string ns, string key)
    {
        Public(ns).Writes.Add(new KVWrite { Key = key, IsDelete = true });
        return this;
    }

    public TransactionBuilder PutMetadata(string ns, string key, string name, string value)
    {
        Public(ns).MetadataWrites.Add(new KVMetadataWrite
        {
            Key = key,
            Entries = { new KVMetadataEntry { Name = name, Value = ByteString.CopyFromUtf8(value) } },
        });
        return this;
    }

    public TransactionBuilder PutPrivate(string ns, string coll, string key, string value)
    {
        Hashed(ns, coll).HashedWrites.Add(new KVWriteHash { KeyHash = Sha(key), ValueHash = Sha(value) });
        Private(ns, coll).Writes.Add(new KVWrite { Key = key, Value = ByteString.CopyFromUtf8(value) });
        return this;
    }

    public TransactionBuilder PurgePrivate(string ns, string coll, string key, bool withCleartext = true)
    {
        Hashed(ns, coll).HashedWrites.Add(new KVWriteHash { KeyHash = Sha(key), IsDelete = true, IsPurge = true });
        if (withCleartext)
        {
            Private(ns, coll).Writes.Add(new KVWrite { Key = key, IsDelete = true });
        }

        return this;
    }

    public CommittedTransaction Build(ulong txNumber, string txId = "tx", bool withPrivate = true, bool corruptPrivateHash = false)
    {
        var rwset = new TxReadWriteSet();
        var pvt = new TxPvtReadWriteSet();
        foreach (var ns in publicSets.Keys.Concat(hashedSets.Keys.Select(k => k.Ns)).Distinct().Order(StringComparer.Ordinal))
        {
            var nsSet = new NsReadWriteSet { Namespace = ns, Rwset = (publicSets.GetValueOrDefault(ns) ?? new KVRWSet()).ToByteString() };
            var nsPvt = new NsPvtReadWriteSet { Namespace = ns };
            foreach (var ((hns, coll), hashed) in hashedSets.Where(h => h.Key.Ns == ns))
            {
                var privateBytes = privateSets[(hns, coll)].ToByteString();
                var pvtHash = SHA256.HashData(privateBytes.ToByteArray());
                if (corruptPrivateHash)
                {
                    pvtHash[0] ^= 1;
                }

                nsSet.CollectionHashedRwset.Add(new CollectionHashedReadWriteSet
                {
                    CollectionName = coll,
                    HashedRwset = hashed.ToByteString(),
                    PvtRwsetHash = ByteString.CopyFrom(pvtHash),
                });
                nsPvt.CollectionPvtRwset.Add(new CollectionPvtReadWriteSet { CollectionName = coll, Rwset = privateBytes });
            }

            rwset.NsRwset.Add(nsSet);
            if (nsPvt.CollectionPvtRwset.Count > 0)
            {
                pvt.NsPvtRwset.Add(nsPvt);
            }
        }

        return new CommittedTransaction(txNumber, txId, DateTimeOffset.UnixEpoch.AddSeconds(txNumber), rwset,
            withPrivate && pvt.NsPvtRwset.Count > 0 ? pvt : null);
    }

    public static ByteString Sha(string text) => ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private KVRWSet Public(string ns) => publicSets.TryGetValue(ns, out var set) ? set : publicSets[ns] = new KVRWSet();

    private HashedRWSet Hashed(string ns, string coll)
    {
        Private(ns, coll);
        return hashedSets.TryGetValue((ns, coll), out var set) ? set : hashedSets[(ns, coll)] = new HashedRWSet();
    }

    private KVRWSet Private(string ns, string coll) =>
        privateSets.TryGetValue((ns, coll), out var set) ? set : privateSets[(ns, coll)] = new KVRWSet();
}
