namespace Fabric.Chaincode.Testing.Internal;

/// <summary>A page of results already in memory.</summary>
internal sealed class InMemoryQueryPage<T> : IQueryResultPage<T>
{
    private readonly IReadOnlyList<T> _results;

    public InMemoryQueryPage(IReadOnlyList<T> results, QueryPageMetadata metadata)
    {
        _results = results;
        Metadata = metadata;
    }

    public QueryPageMetadata Metadata { get; }

    public bool IsDisposed { get; private set; }

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
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
