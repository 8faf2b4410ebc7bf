using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>Range and history queries: iterators kept per transaction and returned in batches, as Fabric does.</summary>
internal sealed partial class ShimRequestHandler
{
    private ByteString ServeGetStateByRange(TransactionContext context, GetStateByRange request)
    {
        var metadata = request.Metadata.IsEmpty ? null : QueryMetadata.Parser.ParseFrom(request.Metadata);
        var totalLimit = TotalReturnLimit(metadata);
        IQueryIterator iterator;
        var isPaginated = false;
        if (request.Collection.Length > 0)
        {
            CheckRead(context, request.Collection);
            iterator = context.Simulator.GetPrivateDataRange(context.ChaincodeName, request.Collection, request.StartKey, request.EndKey);
        }
        else if (IsPaginated(metadata))
        {
            isPaginated = true;
            var startKey = metadata!.Bookmark.Length > 0 ? metadata.Bookmark : request.StartKey;
            iterator = context.Simulator.GetStateRange(context.ChaincodeName, startKey, request.EndKey, metadata.PageSize, paginated: true);
        }
        else
        {
            iterator = context.Simulator.GetStateRange(context.ChaincodeName, request.StartKey, request.EndKey, 0, paginated: false);
        }

        var query = new OpenQuery(iterator);
        var id = context.AddQuery(query);
        return BuildResponse(context, query, id, isPaginated, totalLimit).ToByteString();
    }

    private ByteString ServeQueryStateNext(TransactionContext context, QueryStateNext request)
    {
        var query = context.FindQuery(request.Id) ?? throw new SimulationException("query iterator not found");
        return BuildResponse(context, query, request.Id, false, TotalReturnLimit(null)).ToByteString();
    }

    private static ByteString ServeQueryStateClose(TransactionContext context, QueryStateClose request)
    {
        context.RemoveQuery(request.Id);
        return new QueryResponse { HasMore = false, Id = request.Id }.ToByteString();
    }

    private ByteString ServeGetHistoryForKey(TransactionContext context, GetHistoryForKey request)
    {
        var query = new OpenQuery(context.Simulator.GetHistoryForKey(context.ChaincodeName, request.Key));
        var id = context.AddQuery(query);
        return BuildResponse(context, query, id, false, TotalReturnLimit(null)).ToByteString();
    }

    // Unpaginated queries come back in batches of MaxResultsPerBatch with has_more; a paginated query returns its one
    // page with the bookmark of the next. Either stops at the total limit.
    private QueryResponse BuildResponse(TransactionContext context, OpenQuery query, string id, bool isPaginated, int totalLimit)
    {
        while (query.TotalReturned < totalLimit)
        {
            var next = query.Iterator.Next();
            if (next is null)
            {
                break;
            }

            if (!isPaginated && query.Pending.Count == options.MaxResultsPerBatch)
            {
                var batch = new QueryResponse { HasMore = true, Id = id };
                batch.Results.AddRange(query.Pending.Select(r => new QueryResultBytes { ResultBytes = r }));
                query.Pending.Clear();
                query.Pending.Add(next);
                query.TotalReturned++;
                return batch;
            }

            query.Pending.Add(next);
            query.TotalReturned++;
        }

        var response = new QueryResponse { HasMore = false, Id = id };
        response.Results.AddRange(query.Pending.Select(r => new QueryResultBytes { ResultBytes = r }));
        query.Pending.Clear();
        if (isPaginated)
        {
            var bookmark = query.Iterator.TakeBookmarkAndClose();
            response.Metadata = new QueryResponseMetadata { FetchedRecordsCount = query.TotalReturned, Bookmark = bookmark }.ToByteString();
        }

        context.RemoveQuery(id);
        return response;
    }

    private int TotalReturnLimit(QueryMetadata? metadata) =>
        metadata is { PageSize: > 0 } && metadata.PageSize < options.TotalQueryLimit ? metadata.PageSize : options.TotalQueryLimit;

    private static bool IsPaginated(QueryMetadata? metadata) => metadata is not null && (metadata.PageSize != 0 || metadata.Bookmark.Length > 0);
}
