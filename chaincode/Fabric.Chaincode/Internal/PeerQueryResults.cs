using System.Runtime.CompilerServices;
using Fabric.Protos.Peer;
using Google.Protobuf;
using LedgerKV = Fabric.Protos.Ledger.QueryResult.KV;
using LedgerKeyModification = Fabric.Protos.Ledger.QueryResult.KeyModification;

namespace Fabric.Chaincode.Internal;

/// <summary>
/// A query iterator held by the peer: results arrive in batches (QueryResponse); further batches are fetched with
/// QUERY_STATE_NEXT while has_more is set, and QUERY_STATE_CLOSE is always sent once the cursor is disposed.
/// </summary>
internal sealed class PeerQueryCursor<T>
{
    private readonly TransactionContext _transaction;
    private readonly Func<QueryResultBytes, T> _convert;
    private QueryResponse _response;
    private int _index;
    private bool _closed;

    public PeerQueryCursor(TransactionContext transaction, QueryResponse first, Func<QueryResultBytes, T> convert)
    {
        _transaction = transaction;
        _response = first;
        _convert = convert;
    }

    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            while (true)
            {
                while (_index < _response.Results.Count)
                {
                    yield return _convert(_response.Results[_index++]);
                }

                if (!_response.HasMore)
                {
                    yield break;
                }

                var next = await _transaction.CallAsync(
                    ChaincodeMessage.Types.Type.QueryStateNext, new QueryStateNext { Id = _response.Id }, cancellationToken).ConfigureAwait(false);
                _response = QueryResponse.Parser.ParseFrom(next);
                _index = 0;
            }
        }
        finally
        {
            await CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        await _transaction.CallAsync(
            ChaincodeMessage.Types.Type.QueryStateClose, new QueryStateClose { Id = _response.Id }, cancellationToken).ConfigureAwait(false);
    }

    public static KeyValue ToKeyValue(QueryResultBytes bytes)
    {
        var kv = LedgerKV.Parser.ParseFrom(bytes.ResultBytes);
        return new KeyValue(kv.Key, kv.Value.Memory);
    }

    public static KeyModification ToKeyModification(QueryResultBytes bytes)
    {
        var modification = LedgerKeyModification.Parser.ParseFrom(bytes.ResultBytes);
        return new KeyModification(
            modification.TxId,
            modification.Value.Memory,
            modification.Timestamp?.ToDateTimeOffset() ?? default,
            modification.IsDelete);
    }
}

/// <summary>A lazily started query: the first request goes to the peer when enumeration begins.</summary>
internal sealed class PeerQuery<T> : IAsyncEnumerable<T>
{
    private readonly TransactionContext _transaction;
    private readonly ChaincodeMessage.Types.Type _type;
    private readonly IMessage _request;
    private readonly Func<QueryResultBytes, T> _convert;

    public PeerQuery(TransactionContext transaction, ChaincodeMessage.Types.Type type, IMessage request, Func<QueryResultBytes, T> convert)
    {
        _transaction = transaction;
        _type = type;
        _request = request;
        _convert = convert;
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<T> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = QueryResponse.Parser.ParseFrom(
            await _transaction.CallAsync(_type, _request, cancellationToken).ConfigureAwait(false));
        var cursor = new PeerQueryCursor<T>(_transaction, first, _convert);
        await foreach (var item in cursor.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}

/// <summary>One page of a paginated query: the first batch and its metadata are already here.</summary>
internal sealed class PeerQueryPage<T> : IQueryResultPage<T>
{
    private readonly PeerQueryCursor<T> _cursor;
    private int _enumerated;

    public PeerQueryPage(PeerQueryCursor<T> cursor, QueryPageMetadata metadata)
    {
        _cursor = cursor;
        Metadata = metadata;
    }

    public QueryPageMetadata Metadata { get; }

    public static async Task<IQueryResultPage<T>> StartAsync(
        TransactionContext transaction,
        ChaincodeMessage.Types.Type type,
        IMessage request,
        Func<QueryResultBytes, T> convert,
        CancellationToken cancellationToken)
    {
        var first = QueryResponse.Parser.ParseFrom(await transaction.CallAsync(type, request, cancellationToken).ConfigureAwait(false));
        var metadata = first.Metadata.IsEmpty
            ? new QueryPageMetadata(first.Results.Count, string.Empty)
            : ToMetadata(QueryResponseMetadata.Parser.ParseFrom(first.Metadata));
        return new PeerQueryPage<T>(new PeerQueryCursor<T>(transaction, first, convert), metadata);
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A query result page can be enumerated only once.");
        }

        return _cursor.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    public ValueTask DisposeAsync() => _cursor.CloseAsync(CancellationToken.None);

    private static QueryPageMetadata ToMetadata(QueryResponseMetadata metadata) =>
        new(metadata.FetchedRecordsCount, metadata.Bookmark);
}
