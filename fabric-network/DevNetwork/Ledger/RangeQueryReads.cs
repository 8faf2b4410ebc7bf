using System.Security.Cryptography;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// Collects the keys a range query returned, as Fabric records them in RangeQueryInfo for phantom-read validation:
/// up to <see cref="MaxDegree"/> results are kept as raw reads; past that, results are hashed in groups into a
/// Merkle tree of that degree (SHA-256 of the serialized QueryReads of each group, then of the concatenated hashes)
/// and only the summary is kept. The committer recomputes the same summary over the current state to compare.
/// </summary>
internal sealed class RangeQueryReads
{
    /// <summary>Fabric's fixed maximum degree of the tree (and threshold for hashing).</summary>
    public const int MaxDegree = 50;

    private readonly Dictionary<uint, List<byte[]>> tree = [];
    private List<KVRead>? pending;
    private uint maxLevel = 1;

    public void Add(KVRead read)
    {
        (pending ??= []).Add(read);
        if (pending.Count > MaxDegree)
        {
            HashPending();
        }
    }

    /// <summary>Writes the collected reads into <paramref name="info"/> (raw reads, or the Merkle summary).</summary>
    public void WriteTo(RangeQueryInfo info)
    {
        if (IsTreeEmpty)
        {
            if (pending is not null)
            {
                info.RawReads = new QueryReads();
                info.RawReads.KvReads.AddRange(pending);
            }

            return;
        }

        if (pending is { Count: > 0 })
        {
            HashPending();
        }

        FinishTree();
        var summary = new QueryReadsMerkleSummary { MaxDegree = MaxDegree, MaxLevel = maxLevel };
        summary.MaxLevelHashes.AddRange(tree[maxLevel].Select(ByteString.CopyFrom));
        info.ReadsMerkleHashes = summary;
    }

    private bool IsTreeEmpty => maxLevel == 1 && (!tree.TryGetValue(1, out var leaves) || leaves.Count == 0);

    private void HashPending()
    {
        var reads = new QueryReads();
        reads.KvReads.AddRange(pending!);
        pending = null;
        AddLeaf(SHA256.HashData(reads.ToByteArray()));
    }

    private void AddLeaf(byte[] hash)
    {
        Level(1).Add(hash);
        var level = 1u;
        while (Level(level).Count > MaxDegree)
        {
            var combined = Combine(Level(level));
            tree.Remove(level);
            level++;
            Level(level).Add(combined);
            maxLevel = Math.Max(maxLevel, level);
        }
    }

    private void FinishTree()
    {
        for (var level = 1u; level < maxLevel; level++)
        {
            var hashes = Level(level);
            if (hashes.Count == 0)
            {
                continue;
            }

            var carried = hashes.Count == 1 ? hashes[0] : Combine(hashes);
            tree.Remove(level);
            Level(level + 1).Add(carried);
        }

        var top = Level(maxLevel);
        if (top.Count > MaxDegree)
        {
            var combined = Combine(top);
            tree.Remove(maxLevel);
            maxLevel++;
            tree[maxLevel] = [combined];
        }
    }

    private List<byte[]> Level(uint level)
    {
        if (!tree.TryGetValue(level, out var hashes))
        {
            hashes = [];
            tree[level] = hashes;
        }

        return hashes;
    }

    private static byte[] Combine(List<byte[]> hashes) => SHA256.HashData(hashes.SelectMany(h => h).ToArray());
}
