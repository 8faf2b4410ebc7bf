namespace Fabric.Chaincode.Testing.Internal;

/// <summary>A page of results already in memory; like the shim's page (whose peer iterator is gone after one pass), it can be enumerated once.</summary>
internal sealed class InMemoryQueryPage<T> : IQueryResultPage<T>
{
    private readonly IReadOnlyList<T> _results;
    private int _enumerated;

    public InMemoryQueryPage(IReadOnlyList<T> results, QueryPageMetadata metadata)
    {
        _results = results;
        Metadata = metadata;
    }

    public QueryPageMetadata Metadata { get; }

    public bool IsDisposed { get; private set; }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A query result page can be enumerated only once.");
        }

        return EnumerateAsync(cancellationToken);
    }

    private async IAsyncEnumerator<T> EnumerateAsync(CancellationToken cancellationToken)
    {
        foreach (var result in _results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return result;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        return ValueTask.CompletedTask;
    }
}
