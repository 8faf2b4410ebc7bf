using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Ledger.QueryResult;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// A range scan over public state during simulation. It records what it returned for phantom-read validation:
/// the RangeQueryInfo's end key is the last key returned, or the requested end key once the scan ran out
/// (itr_exhausted). With a page size the scan stops after that many results and the bookmark is the next key.
/// </summary>
internal sealed class StateRangeIterator : IQueryIterator
{
    private readonly IEnumerator<KeyValuePair<string, VersionedValue>> results;
    private readonly string requestedEndKey;
    private readonly int pageSize;
    private readonly RangeQueryReads reads = new();
    private int returned;
    private bool closed;

    public StateRangeIterator(string ns, IWorldState state, string startKey, string endKey, int pageSize)
    {
        Namespace = ns;
        Info = new RangeQueryInfo { StartKey = startKey };
        requestedEndKey = endKey;
        this.pageSize = pageSize;
        results = state.GetStateRange(ns, startKey, endKey).GetEnumerator();
    }

    public string Namespace { get; }

    public RangeQueryInfo Info { get; }

    public ByteString? Next()
    {
        if (closed || (pageSize > 0 && returned >= pageSize) || !results.MoveNext())
        {
            Info.ItrExhausted = true;
            Info.EndKey = requestedEndKey;
            return null;
        }

        var (key, value) = results.Current;
        returned++;
        reads.Add(new KVRead
        {
            Key = key,
            Version = new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = value.Version.BlockNumber, TxNum = value.Version.TxNumber },
        });
        Info.EndKey = key;
        return new KV { Namespace = Namespace, Key = key, Value = ByteString.CopyFrom(value.Value) }.ToByteString();
    }

    /// <summary>The key after the page (where the next page starts), or empty when the range is done. Closes the iterator.</summary>
    public string TakeBookmarkAndClose()
    {
        var bookmark = !closed && results.MoveNext() ? results.Current.Key : string.Empty;
        Close();
        return bookmark;
    }

    public void Close()
    {
        closed = true;
        results.Dispose();
    }

    /// <summary>Completes <see cref="Info"/> with the reads collected so far.</summary>
    public RangeQueryInfo Complete()
    {
        reads.WriteTo(Info);
        return Info;
    }
}
