using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Fabric.Chaincode.Testing.Internal;
using Fabric.Protos.Peer;

namespace Fabric.Chaincode.Testing;

public sealed partial class InMemoryChaincodeStub
{
    // ---- The invocation ----

    public string TxId { get; set; } = string.Empty;

    public string ChannelId { get; }

    public IReadOnlyList<byte[]> Args => _args;

    public DateTimeOffset TxTimestamp { get; set; }

    public ReadOnlyMemory<byte> Creator { get; private set; }

    public SignedProposal? SignedProposal { get; set; }

    public ReadOnlyMemory<byte> Binding { get; set; }

    public IReadOnlyDictionary<string, byte[]> Transient => TransientData;

    public IReadOnlyDictionary<string, byte[]> Decorations => DecorationData;

    public string LocalMspId { get; set; } = string.Empty;

    public (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters() =>
        _args.Length == 0
            ? (string.Empty, [])
            : (Encoding.UTF8.GetString(_args[0]), _args.Skip(1).Select(a => Encoding.UTF8.GetString(a)).ToArray());

    // ---- Public state ----

    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(string.Empty, Wire(key)));

    public Task PutStateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var wireKey = Wire(key);
        var bytes = Value(value);
        return Peer(() => Write(PutStateMessage, string.Empty, wireKey, bytes));
    }

    public Task DeleteStateAsync(string key, CancellationToken cancellationToken = default)
    {
        var wireKey = Wire(key);
        return Peer(() => Write(DelStateMessage, string.Empty, wireKey, null));
    }

    public IAsyncEnumerable<KeyValue> GetStateByRange(string startKey, string endKey)
    {
        var (start, end) = SimpleRange(startKey, endKey);
        return Query(() => Range(_state, start, end));
    }

    public Task<IQueryResultPage<KeyValue>> GetStateByRangeWithPaginationAsync(
        string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var (start, end) = SimpleRange(startKey, endKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return Peer<IQueryResultPage<KeyValue>>(() =>
        {
            CheckPaginatedQuery(GetStateByRangeMessage);
            return Page(Range(_state, start, end), pageSize, bookmark);
        });
    }

    public IAsyncEnumerable<KeyValue> GetStateByPartialCompositeKey(string objectType, params IReadOnlyList<string> attributes)
    {
        var (start, end) = PartialRange(objectType, attributes);
        return Query(() => Range(_state, start, end));
    }

    public Task<IQueryResultPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var (start, end) = PartialRange(objectType, attributes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return Peer<IQueryResultPage<KeyValue>>(() =>
        {
            CheckPaginatedQuery(GetStateByRangeMessage);
            return Page(Range(_state, start, end), pageSize, bookmark);
        });
    }

    public IAsyncEnumerable<KeyValue> GetQueryResult(string query) => Query(() =>
    {
        CheckRichQuerySupported(paginated: false);
        return RichQuery(query, null);
    });

    public Task<IQueryResultPage<KeyValue>> GetQueryResultWithPaginationAsync(
        string query, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return Peer<IQueryResultPage<KeyValue>>(() =>
        {
            CheckPaginatedQuery(GetQueryResultMessage);
            CheckRichQuerySupported(paginated: true);
            return Page(RichQuery(query, null), pageSize, bookmark);
        });
    }

    /// <summary>Committed writes only, newest first; a history database keeps no private data.</summary>
    public IAsyncEnumerable<KeyModification> GetHistoryForKey(string key)
    {
        var wireKey = Wire(key);
        return Query(() => _history.TryGetValue(wireKey, out var history) ? history.AsEnumerable().Reverse().ToArray() : []);
    }

    // ---- Composite keys ----

    public string CreateCompositeKey(string objectType, params IReadOnlyList<string> attributes) => CompositeKey.Create(objectType, attributes);

    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) => CompositeKey.Split(compositeKey);

    // ---- Private data ----

    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        var wireKey = Wire(key);
        return Peer(() =>
        {
            CheckCollectionAccess(GetStateMessage, collection, write: false);
            return ReadPrivate(collection, wireKey);
        });
    }

    /// <summary>SHA-256 of the committed value: what every peer of the channel has, member of the collection or not.</summary>
    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        var wireKey = Wire(key);
        return Peer(() =>
        {
            CheckCollectionDefined(GetPrivateDataHashMessage, collection);
            return Read(collection, wireKey) is { } value ? SHA256.HashData(value) : null;
        });
    }

    public Task PutPrivateDataAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var wireKey = Wire(key);
        var bytes = Value(value);
        return Peer(() =>
        {
            CheckCollectionAccess(PutStateMessage, collection, write: true);
            Write(PutStateMessage, collection, wireKey, bytes);
        });
    }

    public Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        var wireKey = Wire(key);
        return Peer(() =>
        {
            CheckCollectionAccess(DelStateMessage, collection, write: true);
            Write(DelStateMessage, collection, wireKey, null);
        });
    }

    public Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        var wireKey = Wire(key);
        return Peer(() =>
        {
            CheckCollectionAccess(PurgePrivateDataMessage, collection, write: true);
            Write(PurgePrivateDataMessage, collection, wireKey, null, purge: true);
        });
    }

    public IAsyncEnumerable<KeyValue> GetPrivateDataByRange(string collection, string startKey, string endKey)
    {
        RequireCollection(collection);
        var (start, end) = SimpleRange(startKey, endKey);
        return PrivateQuery(collection, () => Range(PrivateStore(collection), start, end));
    }

    public IAsyncEnumerable<KeyValue> GetPrivateDataByPartialCompositeKey(string collection, string objectType, params IReadOnlyList<string> attributes)
    {
        RequireCollection(collection);
        var (start, end) = PartialRange(objectType, attributes);
        return PrivateQuery(collection, () => Range(PrivateStore(collection), start, end));
    }

    public IAsyncEnumerable<KeyValue> GetPrivateDataQueryResult(string collection, string query)
    {
        RequireCollection(collection);
        return Query(() =>
        {
            CheckCollectionAccess(GetQueryResultMessage, collection, write: false);
            CheckPrivateQuery(GetQueryResultMessage);
            CheckRichQuerySupported(paginated: false);
            return PeerHoldsPrivateData(collection) ? RichQuery(query, collection) : [];
        });
    }

    // ---- Key-level endorsement ----

    public Task SetStateValidationParameterAsync(string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default)
    {
        var wireKey = Wire(key);
        var bytes = policy.ToArray();
        return Peer(() =>
        {
            CheckWrite(PutStateMetadataMessage, wireKey, null);
            _pendingValidationParameters[(string.Empty, wireKey)] = bytes;
        });
    }

    public Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_validationParameters.TryGetValue((string.Empty, Wire(key)), out var policy) ? policy : null);

    public Task SetPrivateDataValidationParameterAsync(
        string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        var wireKey = Wire(key);
        var bytes = policy.ToArray();
        return Peer(() =>
        {
            CheckCollectionAccess(PutStateMetadataMessage, collection, write: true);
            CheckWrite(PutStateMetadataMessage, wireKey, null);
            _pendingValidationParameters[(collection, wireKey)] = bytes;
        });
    }

    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        var wireKey = Wire(key);
        return Peer(() =>
        {
            CheckCollectionAccess(GetStateMetadataMessage, collection, write: false);
            return _validationParameters.TryGetValue((collection, wireKey), out var policy) ? policy : null;
        });
    }

    // ---- Events and other chaincode ----

    public void SetEvent(string name, ReadOnlyMemory<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        PendingEvent = new RecordedEvent(TxId, name, payload.ToArray());
    }

    public Task<ChaincodeResponse> InvokeChaincodeAsync(
        string chaincodeName, IReadOnlyList<byte[]> args, string? channel = null, CancellationToken cancellationToken = default)
    {
        var invoker = ChaincodeInvoker
            ?? throw new InvalidOperationException($"Set {nameof(ChaincodeInvoker)} to answer calls to chaincode '{chaincodeName}'.");
        return Task.FromResult(invoker(chaincodeName, args, channel));
    }

    // ---- Helpers ----

    private byte[]? Read(string collection, string key)
    {
        var store = collection.Length == 0 ? _state : _privateState.GetValueOrDefault(collection);
        return store is not null && store.TryGetValue(key, out var value) ? value : null;
    }

    private void Write(string messageType, string collection, string key, byte[]? value, bool purge = false)
    {
        CheckWrite(messageType, key, value);
        _pendingWrites[(collection, key)] = new PendingWrite(value, purge);
    }

    /// <summary>An empty value is no value: the peer receives nil and records a delete, as Fabric's rwset builder does.</summary>
    private static byte[]? Value(ReadOnlyMemory<byte> value) => value.IsEmpty ? null : value.ToArray();

    private static KeyValue[] Range(SortedDictionary<string, byte[]> store, string startKey, string endKey) =>
        store
            .Where(e => !CodePointComparer.IsBefore(e.Key, startKey) && (endKey.Length == 0 || CodePointComparer.IsBefore(e.Key, endKey)))
            .Select(e => new KeyValue(e.Key, e.Value))
            .ToArray();

    private static InMemoryQueryPage<KeyValue> Page(KeyValue[] all, int pageSize, string bookmark)
    {
        var start = string.IsNullOrEmpty(bookmark) ? 0 : all.TakeWhile(kv => CodePointComparer.IsBefore(kv.Key, bookmark)).Count();
        var page = all.Skip(start).Take(pageSize).ToArray();
        var next = start + page.Length < all.Length ? all[start + page.Length].Key : string.Empty;
        return new InMemoryQueryPage<KeyValue>(page, new QueryPageMetadata(page.Length, next));
    }

    private KeyValue[] RichQuery(string query, string? collection)
    {
        var handler = RichQueryHandler
            ?? throw new NotSupportedException($"Rich queries need CouchDB; set {nameof(RichQueryHandler)} to answer them in tests.");
        return handler(query, collection).ToArray();
    }

    /// <summary>The bounds of a simple-key range as the shim sends them: an empty start key becomes U+0001 so that composite keys stay out.</summary>
    private static (string Start, string End) SimpleRange(string startKey, string endKey)
    {
        ArgumentNullException.ThrowIfNull(startKey);
        ArgumentNullException.ThrowIfNull(endKey);
        var start = startKey.Length == 0 ? "\u0001" : Wire(startKey);
        RejectCompositeNamespace(start, nameof(startKey));
        RejectCompositeNamespace(endKey, nameof(endKey));
        return (start, Wire(endKey));
    }

    private static void RejectCompositeNamespace(string key, string parameterName)
    {
        if (key.Length > 0 && key[0] == CompositeKey.Namespace)
        {
            throw new ArgumentException("The first character of a simple key must not be U+0000, which begins composite keys.", parameterName);
        }
    }

    private static (string Start, string End) PartialRange(string objectType, IReadOnlyList<string> attributes)
    {
        var start = CompositeKey.Create(objectType, attributes);
        return (start, start + CompositeKey.MaxCodePoint);
    }

    private static void RequireCollection(string collection)
    {
        if (string.IsNullOrEmpty(collection))
        {
            throw new ArgumentException("The collection must not be an empty string.", nameof(collection));
        }
    }

    /// <summary>A range query of private data: refused in Init, and refused after (or refusing later) writes; empty on a peer that holds hashes only.</summary>
    private IAsyncEnumerable<KeyValue> PrivateQuery(string collection, Func<IReadOnlyList<KeyValue>> run) => Query(() =>
    {
        CheckCollectionAccess(GetStateByRangeMessage, collection, write: false);
        CheckPrivateQuery(GetStateByRangeMessage);
        return PeerHoldsPrivateData(collection) ? run() : [];
    });

    /// <summary>Like the shim, a query reaches the peer (and may be refused) when its enumeration begins, not when it is created.</summary>
    private static async IAsyncEnumerable<T> Query<T>(Func<IReadOnlyList<T>> run, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var items = run();
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
