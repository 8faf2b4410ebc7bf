namespace Fabric.Chaincode;

/// <summary>One key and its current value, as returned by range, partial composite key and rich queries.</summary>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value);

/// <summary>One entry of a key's history: the value written by a committed transaction, or its deletion.</summary>
public sealed record KeyModification(string TxId, ReadOnlyMemory<byte> Value, DateTimeOffset Timestamp, bool IsDelete);

/// <summary>
/// What a paginated query reports about its page (Fabric's QueryResponseMetadata): how many records the page has,
/// and the bookmark to pass to fetch the next page (empty or unchanged when there are no more).
/// </summary>
public sealed record QueryPageMetadata(int FetchedRecordsCount, string Bookmark);

/// <summary>
/// One page of a paginated query. Enumerate it once with <c>await foreach</c>; dispose it (or finish enumerating)
/// to release the peer's iterator.
/// </summary>
public interface IQueryResultPage<out T> : IAsyncEnumerable<T>, IAsyncDisposable
{
    /// <summary>Record count and the bookmark of the next page.</summary>
    QueryPageMetadata Metadata { get; }
}
