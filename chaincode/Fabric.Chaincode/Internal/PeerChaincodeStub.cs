using Fabric.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.Chaincode.Internal;

/// <summary>The stub of one invocation served by a peer: every call becomes a message on the peer stream.</summary>
internal sealed class PeerChaincodeStub : IChaincodeStub
{
    // The metadata key of key-level endorsement policies: the name of MetaDataKeys.VALIDATION_PARAMETER.
    private const string ValidationParameterKey = "VALIDATION_PARAMETER";

    private readonly TransactionContext _transaction;
    private readonly ProposalContext _proposal;
    private readonly byte[][] _args;
    private readonly Dictionary<string, byte[]> _decorations;

    public PeerChaincodeStub(
        TransactionContext transaction, ChaincodeInput input, SignedProposal? signedProposal, ProposalContext proposal, string localMspId)
    {
        _transaction = transaction;
        _proposal = proposal;
        SignedProposal = signedProposal;
        LocalMspId = localMspId;
        _args = new byte[input.Args.Count][];
        for (var i = 0; i < _args.Length; i++)
        {
            _args[i] = input.Args[i].ToByteArray();
        }

        _decorations = new Dictionary<string, byte[]>(input.Decorations.Count, StringComparer.Ordinal);
        foreach (var (name, value) in input.Decorations)
        {
            _decorations[name] = value.ToByteArray();
        }
    }

    /// <summary>The event set by the chaincode, sent with COMPLETED.</summary>
    public ChaincodeEvent? Event { get; private set; }

    public string TxId => _transaction.Key.TxId;

    public string ChannelId => _transaction.Key.ChannelId;

    public IReadOnlyList<byte[]> Args => _args;

    public DateTimeOffset TxTimestamp => _proposal.Timestamp;

    public ReadOnlyMemory<byte> Creator => _proposal.Creator.Memory;

    public SignedProposal? SignedProposal { get; }

    public ReadOnlyMemory<byte> Binding => _proposal.Binding;

    public IReadOnlyDictionary<string, byte[]> Transient => _proposal.Transient;

    public IReadOnlyDictionary<string, byte[]> Decorations => _decorations;

    public string LocalMspId { get; }

    public (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters() => StubArguments.Split(_args);

    // ---- Public state ----

    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default) =>
        GetAsync(MessageType.GetState, new GetState { Key = key }, cancellationToken);

    public Task PutStateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        PutAsync(string.Empty, key, value, cancellationToken);

    public Task DeleteStateAsync(string key, CancellationToken cancellationToken = default) =>
        _transaction.CallAsync(MessageType.DelState, new DelState { Key = key }, cancellationToken);

    public IAsyncEnumerable<KeyValue> GetStateByRange(string startKey, string endKey) =>
        RangeQuery(string.Empty, startKey, endKey);

    public Task<IQueryResultPage<KeyValue>> GetStateByRangeWithPaginationAsync(
        string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var request = RangeRequest(string.Empty, startKey, endKey);
        request.Metadata = PageRequest(pageSize, bookmark);
        return PeerQueryPage<KeyValue>.StartAsync(
            _transaction, MessageType.GetStateByRange, request, PeerQueryCursor<KeyValue>.ToKeyValue, cancellationToken);
    }

    public IAsyncEnumerable<KeyValue> GetStateByPartialCompositeKey(string objectType, params IReadOnlyList<string> attributes) =>
        PartialCompositeKeyQuery(string.Empty, objectType, attributes);

    public Task<IQueryResultPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var (start, end) = CompositeKey.PartialKeyRange(objectType, attributes);
        var request = new GetStateByRange { StartKey = start, EndKey = end, Metadata = PageRequest(pageSize, bookmark) };
        return PeerQueryPage<KeyValue>.StartAsync(
            _transaction, MessageType.GetStateByRange, request, PeerQueryCursor<KeyValue>.ToKeyValue, cancellationToken);
    }

    public IAsyncEnumerable<KeyValue> GetQueryResult(string query) => RichQuery(string.Empty, query);

    public Task<IQueryResultPage<KeyValue>> GetQueryResultWithPaginationAsync(
        string query, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var request = new GetQueryResult { Query = query, Metadata = PageRequest(pageSize, bookmark) };
        return PeerQueryPage<KeyValue>.StartAsync(
            _transaction, MessageType.GetQueryResult, request, PeerQueryCursor<KeyValue>.ToKeyValue, cancellationToken);
    }

    public IAsyncEnumerable<KeyModification> GetHistoryForKey(string key) =>
        new PeerQuery<KeyModification>(
            _transaction, MessageType.GetHistoryForKey, new GetHistoryForKey { Key = key }, PeerQueryCursor<KeyModification>.ToKeyModification);

    // ---- Composite keys ----

    public string CreateCompositeKey(string objectType, params IReadOnlyList<string> attributes) => CompositeKey.Create(objectType, attributes);

    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) => CompositeKey.Split(compositeKey);

    // ---- Private data ----

    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return GetAsync(MessageType.GetState, new GetState { Collection = collection, Key = key }, cancellationToken);
    }

    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return GetAsync(MessageType.GetPrivateDataHash, new GetState { Collection = collection, Key = key }, cancellationToken);
    }

    public Task PutPrivateDataAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return PutAsync(collection, key, value, cancellationToken);
    }

    public Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return _transaction.CallAsync(MessageType.DelState, new DelState { Collection = collection, Key = key }, cancellationToken);
    }

    public Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return _transaction.CallAsync(
            MessageType.PurgePrivateData, new DelState { Collection = collection, Key = key }, cancellationToken);
    }

    public IAsyncEnumerable<KeyValue> GetPrivateDataByRange(string collection, string startKey, string endKey)
    {
        RequireCollection(collection);
        return RangeQuery(collection, startKey, endKey);
    }

    public IAsyncEnumerable<KeyValue> GetPrivateDataByPartialCompositeKey(string collection, string objectType, params IReadOnlyList<string> attributes)
    {
        RequireCollection(collection);
        return PartialCompositeKeyQuery(collection, objectType, attributes);
    }

    public IAsyncEnumerable<KeyValue> GetPrivateDataQueryResult(string collection, string query)
    {
        RequireCollection(collection);
        return RichQuery(collection, query);
    }

    // ---- Key-level endorsement ----

    public Task SetStateValidationParameterAsync(string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default) =>
        PutMetadataAsync(string.Empty, key, policy, cancellationToken);

    public Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default) =>
        GetMetadataAsync(string.Empty, key, cancellationToken);

    public Task SetPrivateDataValidationParameterAsync(
        string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return PutMetadataAsync(collection, key, policy, cancellationToken);
    }

    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return GetMetadataAsync(collection, key, cancellationToken);
    }

    // ---- Events and other chaincode ----

    public void SetEvent(string name, ReadOnlyMemory<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Event = new ChaincodeEvent { EventName = name, Payload = ByteString.CopyFrom(payload.Span) };
    }

    public async Task<ChaincodeResponse> InvokeChaincodeAsync(
        string chaincodeName, IReadOnlyList<byte[]> args, string? channel = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentNullException.ThrowIfNull(args);
        var input = new ChaincodeInput();
        foreach (var arg in args)
        {
            input.Args.Add(ByteString.CopyFrom(arg));
        }

        // The peer reads "name/channel" as a call to a chaincode on another channel.
        var target = string.IsNullOrEmpty(channel) ? chaincodeName : chaincodeName + "/" + channel;
        var spec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = target }, Input = input };
        var answer = await _transaction.ExchangeAsync(MessageType.InvokeChaincode, spec, cancellationToken).ConfigureAwait(false);
        if (answer.Type == MessageType.Error)
        {
            return ChaincodeResponse.Failure(answer.Payload.ToStringUtf8());
        }

        if (answer.Type != MessageType.Response)
        {
            return ChaincodeResponse.Failure($"Incorrect chaincode message {MessageNames.Of(answer.Type)} received: expected RESPONSE or ERROR.");
        }

        // The peer's RESPONSE carries the called chaincode's own COMPLETED or ERROR message.
        var nested = ChaincodeMessage.Parser.ParseFrom(answer.Payload);
        if (nested.Type != MessageType.Completed)
        {
            return ChaincodeResponse.Failure(nested.Payload.ToStringUtf8());
        }

        var response = Response.Parser.ParseFrom(nested.Payload);
        return new ChaincodeResponse(response.Status, response.Message, response.Payload.Memory);
    }

    // ---- Helpers ----

    private async Task<byte[]?> GetAsync(MessageType type, IMessage request, CancellationToken cancellationToken)
    {
        var payload = await _transaction.CallAsync(type, request, cancellationToken).ConfigureAwait(false);
        return payload.IsEmpty ? null : payload.ToByteArray();
    }

    private Task<ByteString> PutAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _transaction.CallAsync(
            MessageType.PutState,
            new PutState { Collection = collection, Key = key, Value = ByteString.CopyFrom(value.Span) },
            cancellationToken);
    }

    private Task<ByteString> PutMetadataAsync(string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken) =>
        _transaction.CallAsync(
            MessageType.PutStateMetadata,
            new PutStateMetadata
            {
                Collection = collection,
                Key = key,
                Metadata = new StateMetadata { Metakey = ValidationParameterKey, Value = ByteString.CopyFrom(policy.Span) },
            },
            cancellationToken);

    private async Task<byte[]?> GetMetadataAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var payload = await _transaction.CallAsync(
            MessageType.GetStateMetadata, new GetStateMetadata { Collection = collection, Key = key }, cancellationToken).ConfigureAwait(false);
        foreach (var entry in StateMetadataResult.Parser.ParseFrom(payload).Entries)
        {
            if (entry.Metakey == ValidationParameterKey)
            {
                return entry.Value.ToByteArray();
            }
        }

        return null;
    }

    private PeerQuery<KeyValue> RangeQuery(string collection, string startKey, string endKey) =>
        new PeerQuery<KeyValue>(
            _transaction, MessageType.GetStateByRange, RangeRequest(collection, startKey, endKey), PeerQueryCursor<KeyValue>.ToKeyValue);

    private PeerQuery<KeyValue> PartialCompositeKeyQuery(string collection, string objectType, IReadOnlyList<string> attributes)
    {
        var (start, end) = CompositeKey.PartialKeyRange(objectType, attributes);
        return new PeerQuery<KeyValue>(
            _transaction,
            MessageType.GetStateByRange,
            new GetStateByRange { Collection = collection, StartKey = start, EndKey = end },
            PeerQueryCursor<KeyValue>.ToKeyValue);
    }

    private PeerQuery<KeyValue> RichQuery(string collection, string query) =>
        new PeerQuery<KeyValue>(
            _transaction, MessageType.GetQueryResult, new GetQueryResult { Collection = collection, Query = query }, PeerQueryCursor<KeyValue>.ToKeyValue);

    private static GetStateByRange RangeRequest(string collection, string startKey, string endKey)
    {
        ArgumentNullException.ThrowIfNull(startKey);
        ArgumentNullException.ThrowIfNull(endKey);
        if (startKey.Length == 0)
        {
            startKey = CompositeKey.EmptyStartKeySubstitute;
        }

        CompositeKey.ValidateSimpleKey(startKey, nameof(startKey));
        CompositeKey.ValidateSimpleKey(endKey, nameof(endKey));
        return new GetStateByRange { Collection = collection, StartKey = startKey, EndKey = endKey };
    }

    private static ByteString PageRequest(int pageSize, string bookmark)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return new QueryMetadata { PageSize = pageSize, Bookmark = bookmark ?? string.Empty }.ToByteString();
    }

    private static void RequireCollection(string collection)
    {
        if (string.IsNullOrEmpty(collection))
        {
            throw new ArgumentException("The collection must not be an empty string.", nameof(collection));
        }
    }
}
