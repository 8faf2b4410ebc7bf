using Fabric.Protos.Ledger.Rwset.Kvrwset;

namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// Phantom-read validation of one recorded range query, as Fabric's committer does it: the query is run again over the
/// state as it stands for the transaction (committed state plus the writes of valid transactions before it in the
/// block) and must return the same keys at the same versions. A query the chaincode did not run to its end is
/// re-run up to and including the last key it saw.
/// </summary>
internal static class RangeQueryValidation
{
    /// <param name="currentResults">The keys and versions the range holds now, in key order; see <see cref="Scan"/>.</param>
    public static bool IsUnchanged(RangeQueryInfo info, IEnumerable<(string Key, Height Version)> currentResults)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(currentResults);
        if (info.ReadsInfoCase == RangeQueryInfo.ReadsInfoOneofCase.ReadsMerkleHashes)
        {
            var reads = new RangeQueryReads();
            foreach (var (key, version) in currentResults)
            {
                reads.Add(ToRead(key, version));
            }

            var recomputed = new RangeQueryInfo();
            reads.WriteTo(recomputed);
            return recomputed.ReadsMerkleHashes is { } summary && summary.Equals(info.ReadsMerkleHashes);
        }

        using var current = currentResults.GetEnumerator();
        foreach (var read in info.RawReads?.KvReads ?? [])
        {
            if (!current.MoveNext() || current.Current.Key != read.Key || !SameVersion(current.Current.Version, read.Version))
            {
                return false;
            }
        }

        return !current.MoveNext();
    }

    /// <summary>
    /// The range a recorded query covers, read from <paramref name="state"/>: [start, end) when the chaincode exhausted
    /// the iterator, [start, end] when it stopped early. A committer merges its block's pending writes into these.
    /// </summary>
    public static IEnumerable<(string Key, Height Version)> Scan(IWorldState state, string ns, RangeQueryInfo info)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(info);
        foreach (var (key, value) in state.GetStateRange(ns, info.StartKey, info.EndKey))
        {
            yield return (key, value.Version);
        }

        if (!info.ItrExhausted && info.EndKey.Length > 0 && state.GetState(ns, info.EndKey) is { } last)
        {
            yield return (info.EndKey, last.Version);
        }
    }

    private static KVRead ToRead(string key, Height version) =>
        new() { Key = key, Version = new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = version.BlockNumber, TxNum = version.TxNumber } };

    private static bool SameVersion(Height current, Protos.Ledger.Rwset.Kvrwset.Version? recorded) =>
        recorded is not null && recorded.BlockNum == current.BlockNumber && recorded.TxNum == current.TxNumber;
}
