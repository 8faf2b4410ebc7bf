using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Fabric.Protos.Peer;
using Google.Protobuf;
using LedgerKV = Fabric.Protos.Ledger.QueryResult.KV;
using LedgerKeyModification = Fabric.Protos.Ledger.QueryResult.KeyModification;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.Chaincode.Tests.Support;

/// <summary>
/// The ledger side of the scripted peer: answers the chaincode's requests as a Fabric peer does (RESPONSE with the
/// documented payloads, ERROR with a message), serving query results in batches of <see cref="BatchSize"/> so that
/// iterators must fetch more with QUERY_STATE_NEXT. Writes are applied at once (no simulation), which is enough to
/// observe what the chaincode sent.
/// </summary>
internal sealed class FakeLedger
{
    private readonly ConcurrentDictionary<string, Queue<QueryResultBytes>> _iterators = new();
    private int _nextIterator;

    public const string ForbiddenKey = "forbidden";

    public ConcurrentDictionary<(string Collection, string Key), byte[]> Values { get; } = new();

    public ConcurrentDictionary<(string Collection, string Key), byte[]> ValidationParameters { get; } = new();

    public ConcurrentDictionary<string, List<LedgerKeyModification>> History { get; } = new();

    public ConcurrentQueue<string> ClosedIterators { get; } = new();

    public ConcurrentQueue<ChaincodeMessage> Requests { get; } = new();

    public int BatchSize { get; set; } = 2;

    public int OpenIterators => _iterators.Count;

    /// <summary>Answers INVOKE_CHAINCODE with the ChaincodeMessage that the called chaincode produced.</summary>
    public Func<ChaincodeSpec, ChaincodeMessage>? OnInvokeChaincode { get; set; }

    public void Seed(string key, string value, string collection = "") => Values[(collection, key)] = Encoding.UTF8.GetBytes(value);

    public string? ValueOf(string key, string collection = "") =>
        Values.TryGetValue((collection, key), out var value) ? Encoding.UTF8.GetString(value) : null;

    public ChaincodeMessage? Handle(ChaincodeMessage request)
    {
        Requests.Enqueue(request);
        try
        {
            var payload = Answer(request);
            return new ChaincodeMessage { Type = MessageType.Response, Payload = payload, Txid = request.Txid, ChannelId = request.ChannelId };
        }
        catch (InvalidOperationException ex)
        {
            return new ChaincodeMessage
            {
                Type = MessageType.Error, Payload = ByteString.CopyFromUtf8(ex.Message), Txid = request.Txid, ChannelId = request.ChannelId,
            };
        }
    }

    private ByteString Answer(ChaincodeMessage request)
    {
        switch (request.Type)
        {
            case MessageType.GetState:
            {
                var get = GetState.Parser.ParseFrom(request.Payload);
                if (get.Key == ForbiddenKey)
                {
                    throw new InvalidOperationException("access denied to key " + get.Key);
                }

                return Values.TryGetValue((get.Collection, get.Key), out var value) ? ByteString.CopyFrom(value) : ByteString.Empty;
            }

            case MessageType.GetPrivateDataHash:
            {
                var get = GetState.Parser.ParseFrom(request.Payload);
                return Values.TryGetValue((get.Collection, get.Key), out var value) ? ByteString.CopyFrom(SHA256.HashData(value)) : ByteString.Empty;
            }

            case MessageType.PutState:
            {
                var put = PutState.Parser.ParseFrom(request.Payload);
                Values[(put.Collection, put.Key)] = put.Value.ToByteArray();
                return ByteString.Empty;
            }

            case MessageType.DelState:
            case MessageType.PurgePrivateData:
            {
                var delete = DelState.Parser.ParseFrom(request.Payload);
                Values.TryRemove((delete.Collection, delete.Key), out _);
                return ByteString.Empty;
            }

            case MessageType.PutStateMetadata:
            {
                var put = PutStateMetadata.Parser.ParseFrom(request.Payload);
                ValidationParameters[(put.Collection, put.Key)] = put.Metadata.Value.ToByteArray();
                return ByteString.Empty;
            }

            case MessageType.GetStateMetadata:
            {
                var get = GetStateMetadata.Parser.ParseFrom(request.Payload);
                var result = new StateMetadataResult();
                if (ValidationParameters.TryGetValue((get.Collection, get.Key), out var policy))
                {
                    result.Entries.Add(new StateMetadata { Metakey = "VALIDATION_PARAMETER", Value = ByteString.CopyFrom(policy) });
                }

                return result.ToByteString();
            }

            case MessageType.GetStateByRange:
            {
                var range = GetStateByRange.Parser.ParseFrom(request.Payload);
                var keys = Values.Keys
                    .Where(k => k.Collection == range.Collection
                        && string.CompareOrdinal(k.Key, range.StartKey) >= 0
                        && (range.EndKey.Length == 0 || string.CompareOrdinal(k.Key, range.EndKey) < 0))
                    .Select(k => k.Key)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                return StartIterator(keys, range.Collection, range.Metadata);
            }

            case MessageType.GetQueryResult:
            {
                // The fake "rich query" is a key prefix.
                var query = GetQueryResult.Parser.ParseFrom(request.Payload);
                var keys = Values.Keys
                    .Where(k => k.Collection == query.Collection && k.Key.StartsWith(query.Query, StringComparison.Ordinal))
                    .Select(k => k.Key)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                return StartIterator(keys, query.Collection, query.Metadata);
            }

            case MessageType.GetHistoryForKey:
            {
                var history = GetHistoryForKey.Parser.ParseFrom(request.Payload);
                var results = History.GetValueOrDefault(history.Key, [])
                    .Select(m => new QueryResultBytes { ResultBytes = m.ToByteString() });
                return NextBatch(Register(results), firstMetadata: null);
            }

            case MessageType.QueryStateNext:
                return NextBatch(QueryStateNext.Parser.ParseFrom(request.Payload).Id, firstMetadata: null);

            case MessageType.QueryStateClose:
            {
                var close = QueryStateClose.Parser.ParseFrom(request.Payload);
                _iterators.TryRemove(close.Id, out _);
                ClosedIterators.Enqueue(close.Id);
                return new QueryResponse { Id = close.Id }.ToByteString();
            }

            case MessageType.InvokeChaincode:
            {
                var spec = ChaincodeSpec.Parser.ParseFrom(request.Payload);
                var handler = OnInvokeChaincode ?? throw new InvalidOperationException("no chaincode to call");
                return handler(spec).ToByteString();
            }

            default:
                throw new InvalidOperationException($"unexpected request {request.Type}");
        }
    }

    private ByteString StartIterator(List<string> keys, string collection, ByteString metadata)
    {
        QueryResponseMetadata? responseMetadata = null;
        if (!metadata.IsEmpty)
        {
            var page = QueryMetadata.Parser.ParseFrom(metadata);
            var start = page.Bookmark.Length == 0 ? 0 : keys.FindIndex(k => string.CompareOrdinal(k, page.Bookmark) >= 0);
            start = start < 0 ? keys.Count : start;
            var taken = keys.Skip(start).Take(page.PageSize).ToList();
            var next = start + taken.Count < keys.Count ? keys[start + taken.Count] : string.Empty;
            responseMetadata = new QueryResponseMetadata { FetchedRecordsCount = taken.Count, Bookmark = next };
            keys = taken;
        }

        var results = keys.Select(k => new QueryResultBytes
        {
            ResultBytes = new LedgerKV { Namespace = "cc", Key = k, Value = ByteString.CopyFrom(Values[(collection, k)]) }.ToByteString(),
        });
        return NextBatch(Register(results), responseMetadata);
    }

    private string Register(IEnumerable<QueryResultBytes> results)
    {
        var id = "iter" + Interlocked.Increment(ref _nextIterator);
        _iterators[id] = new Queue<QueryResultBytes>(results);
        return id;
    }

    private ByteString NextBatch(string id, QueryResponseMetadata? firstMetadata)
    {
        if (!_iterators.TryGetValue(id, out var remaining))
        {
            throw new InvalidOperationException($"query iterator {id} not found");
        }

        var response = new QueryResponse { Id = id };
        while (response.Results.Count < BatchSize && remaining.Count > 0)
        {
            response.Results.Add(remaining.Dequeue());
        }

        response.HasMore = remaining.Count > 0;
        if (firstMetadata is not null)
        {
            response.Metadata = firstMetadata.ToByteString();
        }

        return response.ToByteString();
    }
}
