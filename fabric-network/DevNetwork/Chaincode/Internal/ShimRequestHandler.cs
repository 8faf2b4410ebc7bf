using Fabric.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>Runs a chaincode-to-chaincode call in the caller's scope and returns the callee's COMPLETED or ERROR message.</summary>
internal delegate Task<ChaincodeMessage> ChaincodeInvoker(InvocationScope scope, string channelId, string chaincodeName, ChaincodeInput input, CancellationToken cancellationToken);

/// <summary>
/// Serves what a chaincode asks of the peer during an execution (GET_STATE, PUT_STATE, range queries, private data,
/// history, chaincode-to-chaincode calls) as Fabric's handler does, including its checks and error texts.
/// </summary>
internal sealed partial class ShimRequestHandler(ChaincodeRuntimeOptions options, ChaincodeInvoker invoker, ILogger logger)
{
    private const string PrivateDataInInit = "private data APIs are not allowed in chaincode Init()";

    /// <summary>The RESPONSE (or ERROR) to send back for one request; never throws.</summary>
    public async Task<ChaincodeMessage> HandleAsync(TransactionContext? context, ChaincodeMessage request, CancellationToken cancellationToken)
    {
        try
        {
            if (context is null)
            {
                throw new SimulationException(request.Type == MessageType.InvokeChaincode ? "could not get valid transaction" : "no ledger context");
            }

            var payload = request.Type switch
            {
                MessageType.GetState => ServeGetState(context, Protos.Peer.GetState.Parser.ParseFrom(request.Payload)),
                MessageType.GetPrivateDataHash => ServeGetPrivateDataHash(context, Protos.Peer.GetState.Parser.ParseFrom(request.Payload)),
                MessageType.GetStateMetadata => ServeGetStateMetadata(context, Protos.Peer.GetStateMetadata.Parser.ParseFrom(request.Payload)),
                MessageType.PutState => ServePutState(context, Protos.Peer.PutState.Parser.ParseFrom(request.Payload)),
                MessageType.PutStateMetadata => ServePutStateMetadata(context, Protos.Peer.PutStateMetadata.Parser.ParseFrom(request.Payload)),
                MessageType.DelState => ServeDelState(context, Protos.Peer.DelState.Parser.ParseFrom(request.Payload)),
                MessageType.PurgePrivateData => ServePurgePrivateData(context, Protos.Peer.DelState.Parser.ParseFrom(request.Payload)),
                MessageType.GetStateByRange => ServeGetStateByRange(context, Protos.Peer.GetStateByRange.Parser.ParseFrom(request.Payload)),
                MessageType.QueryStateNext => ServeQueryStateNext(context, Protos.Peer.QueryStateNext.Parser.ParseFrom(request.Payload)),
                MessageType.QueryStateClose => ServeQueryStateClose(context, Protos.Peer.QueryStateClose.Parser.ParseFrom(request.Payload)),
                MessageType.GetQueryResult => ServeGetQueryResult(context, Protos.Peer.GetQueryResult.Parser.ParseFrom(request.Payload)),
                MessageType.GetHistoryForKey => ServeGetHistoryForKey(context, Protos.Peer.GetHistoryForKey.Parser.ParseFrom(request.Payload)),
                MessageType.InvokeChaincode => await ServeInvokeChaincodeAsync(context, ChaincodeSpec.Parser.ParseFrom(request.Payload), cancellationToken).ConfigureAwait(false),
                _ => throw new SimulationException($"unexpected message type {request.Type}"),
            };
            return new ChaincodeMessage { Type = MessageType.Response, Payload = payload, Txid = request.Txid, ChannelId = request.ChannelId };
        }
        catch (Exception exception)
        {
            string reason;
            if (exception is SimulationException or InvalidProtocolBufferException or ChaincodeExecutionException or ChaincodeUnavailableException)
            {
                ChaincodeRuntimeLog.RequestFailed(logger, request.Type, request.Txid, request.ChannelId);
                reason = exception is InvalidProtocolBufferException ? "unmarshal failed: " + exception.Message : exception.Message;
            }
            else
            {
                // Like Fabric's recovery from a panic in a handler: the chaincode gets an error instead of waiting forever.
                ChaincodeRuntimeLog.RequestCrashed(logger, request.Type, request.Txid, request.ChannelId, exception);
                reason = "internal error while handling the request";
            }

            return new ChaincodeMessage
            {
                Type = MessageType.Error,
                Payload = ByteString.CopyFromUtf8($"{ToFabricName(request.Type)} failed: transaction ID: {request.Txid}: {reason}"),
                Txid = request.Txid,
                ChannelId = request.ChannelId,
            };
        }
    }

    private static ByteString ServeGetState(TransactionContext context, GetState request)
    {
        if (request.Collection.Length == 0)
        {
            return Bytes(context.Simulator.GetState(context.ChaincodeName, request.Key));
        }

        CheckRead(context, request.Collection);
        return Bytes(context.Simulator.GetPrivateData(context.ChaincodeName, request.Collection, request.Key));
    }

    private static ByteString ServeGetPrivateDataHash(TransactionContext context, GetState request)
    {
        CheckNotInit(context);
        CheckCollectionDefined(context, request.Collection);
        return Bytes(context.Simulator.GetPrivateDataHash(context.ChaincodeName, request.Collection, request.Key));
    }

    private static ByteString ServeGetStateMetadata(TransactionContext context, GetStateMetadata request)
    {
        IReadOnlyDictionary<string, byte[]> metadata;
        if (request.Collection.Length == 0)
        {
            metadata = context.Simulator.GetStateMetadata(context.ChaincodeName, request.Key);
        }
        else
        {
            CheckRead(context, request.Collection);
            metadata = context.Simulator.GetPrivateDataMetadata(context.ChaincodeName, request.Collection, request.Key);
        }

        var result = new StateMetadataResult();
        foreach (var (name, value) in metadata.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            result.Entries.Add(new StateMetadata { Metakey = name, Value = ByteString.CopyFrom(value) });
        }

        return result.ToByteString();
    }

    private static ByteString ServePutState(TransactionContext context, PutState request)
    {
        if (request.Collection.Length == 0)
        {
            context.Simulator.SetState(context.ChaincodeName, request.Key, request.Value.ToByteArray());
        }
        else
        {
            CheckWrite(context, request.Collection);
            context.Simulator.SetPrivateData(context.ChaincodeName, request.Collection, request.Key, request.Value.ToByteArray());
        }

        return ByteString.Empty;
    }

    private static ByteString ServePutStateMetadata(TransactionContext context, PutStateMetadata request)
    {
        // Fabric writes the one entry as the key's whole metadata.
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [request.Metadata?.Metakey ?? string.Empty] = request.Metadata?.Value.ToByteArray() ?? [],
        };
        if (request.Collection.Length == 0)
        {
            context.Simulator.SetStateMetadata(context.ChaincodeName, request.Key, metadata);
        }
        else
        {
            CheckWrite(context, request.Collection);
            context.Simulator.SetPrivateDataMetadata(context.ChaincodeName, request.Collection, request.Key, metadata);
        }

        return ByteString.Empty;
    }

    private static ByteString ServeDelState(TransactionContext context, DelState request)
    {
        if (request.Collection.Length == 0)
        {
            context.Simulator.DeleteState(context.ChaincodeName, request.Key);
        }
        else
        {
            CheckWrite(context, request.Collection);
            context.Simulator.DeletePrivateData(context.ChaincodeName, request.Collection, request.Key);
        }

        return ByteString.Empty;
    }

    private static ByteString ServePurgePrivateData(TransactionContext context, DelState request)
    {
        if (request.Collection.Length == 0)
        {
            throw new SimulationException("only applicable for private data");
        }

        CheckWrite(context, request.Collection);
        context.Simulator.PurgePrivateData(context.ChaincodeName, request.Collection, request.Key);
        return ByteString.Empty;
    }

    private static ByteString ServeGetQueryResult(TransactionContext context, GetQueryResult request)
    {
        // The dev network's state database is LevelDB-like: rich (CouchDB) queries are not available, as on such a peer.
        if (request.Collection.Length > 0)
        {
            CheckRead(context, request.Collection);
            throw new SimulationException("ExecuteQuery not supported for leveldb");
        }

        var metadata = request.Metadata.IsEmpty ? null : QueryMetadata.Parser.ParseFrom(request.Metadata);
        throw new SimulationException(IsPaginated(metadata) ? "ExecuteQueryWithMetadata not supported for leveldb" : "ExecuteQuery not supported for leveldb");
    }

    private async Task<ByteString> ServeInvokeChaincodeAsync(TransactionContext context, ChaincodeSpec spec, CancellationToken cancellationToken)
    {
        // The name may be "name", "name:version" or "name:version/channel"; the version is ignored, as by Fabric.
        var fullName = spec.ChaincodeId?.Name ?? string.Empty;
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        var channelId = slash >= 0 ? fullName[(slash + 1)..] : string.Empty;
        var nameAndVersion = slash >= 0 ? fullName[..slash] : fullName;
        var colon = nameAndVersion.IndexOf(':', StringComparison.Ordinal);
        var chaincodeName = colon >= 0 ? nameAndVersion[..colon] : nameAndVersion;
        if (channelId.Length == 0)
        {
            channelId = context.ChannelId;
        }

        ChaincodeMessage result;
        try
        {
            result = await invoker(context.Scope, channelId, chaincodeName, spec.Input ?? new ChaincodeInput(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ChaincodeExecutionException or ChaincodeUnavailableException)
        {
            throw new SimulationException("execute failed: " + exception.Message);
        }

        return result.ToByteString();
    }

    private static void CheckNotInit(TransactionContext context)
    {
        if (context.IsInit)
        {
            throw new SimulationException(PrivateDataInInit);
        }
    }

    private static CollectionAccessCheck Access(TransactionContext context, string collection)
    {
        CheckNotInit(context);
        var access = context.FindCollection(collection)
            ?? throw new SimulationException($"collection {context.ChannelId}/{context.ChaincodeName}/{collection} could not be found");

        // Fabric: a member of the collection may read and write; others only where memberOnlyRead/Write allow it.
        var isMember = access.IsMember(context.Scope.Invocation.CreatorMspId);
        return new CollectionAccessCheck(isMember || !access.MemberOnlyRead, isMember || !access.MemberOnlyWrite);
    }

    private static void CheckRead(TransactionContext context, string collection)
    {
        if (!Access(context, collection).CanRead)
        {
            throw new SimulationException(
                $"tx creator does not have read access permission on privatedata in chaincodeName:{context.ChaincodeName} collectionName: {collection}");
        }
    }

    private static void CheckWrite(TransactionContext context, string collection)
    {
        if (!Access(context, collection).CanWrite)
        {
            throw new SimulationException(
                $"tx creator does not have write access permission on privatedata in chaincodeName:{context.ChaincodeName} collectionName: {collection}");
        }
    }

    private static void CheckCollectionDefined(TransactionContext context, string collection)
    {
        if (context.FindCollection(collection) is null)
        {
            throw new SimulationException($"collection [{collection}] not defined in the collection config for chaincode [{context.ChaincodeName}]");
        }
    }

    private static ByteString Bytes(byte[]? value) => value is null ? ByteString.Empty : ByteString.CopyFrom(value);

    // Fabric names message types in its errors as the protobuf enum names them (GET_STATE, PUT_STATE, ...).
    private static string ToFabricName(MessageType type) =>
        ChaincodeMessage.Descriptor.EnumTypes[0].FindValueByNumber((int)type)?.Name ?? type.ToString();

    private readonly record struct CollectionAccessCheck(bool CanRead, bool CanWrite);
}
