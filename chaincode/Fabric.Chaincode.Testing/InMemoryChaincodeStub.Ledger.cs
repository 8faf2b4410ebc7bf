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
        Task.FromResult(Read(string.Empty, key));

    public Task PutStateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        Write(string.Empty, key, value.IsEmpty ? null : value.ToArray());
        return Task.CompletedTask;
    }

    public Task DeleteStateAsync(string key, CancellationToken cancellationToken = default)
    {
        Write(string.Empty, key, null);
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<KeyValue> GetStateByRange(string startKey, string endKey) =>
        ToAsync(Range(_state, SimpleStart(startKey), SimpleEnd(endKey)));

    public Task<IQueryResultPage<KeyValue>> GetStateByRangeWithPaginationAsync(
        string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        Task.FromResult<IQueryResultPage<KeyValue>>(Page(Range(_state, SimpleStart(startKey), SimpleEnd(endKey)), pageSize, bookmark));

    public IAsyncEnumerable<KeyValue> GetStateByPartialCompositeKey(string objectType, params IReadOnlyList<string> attributes)
    {
        var (start, end) = PartialRange(objectType, attributes);
        return ToAsync(Range(_state, start, end));
    }

    public Task<IQueryResultPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var (start, end) = PartialRange(objectType, attributes);
        return Task.FromResult<IQueryResultPage<KeyValue>>(Page(Range(_state, start, end), pageSize, bookmark));
    }

    public IAsyncEnumerable<KeyValue> GetQueryResult(string query) => ToAsync(RichQuery(query, null));

    public Task<IQueryResultPage<KeyValue>> GetQueryResultWithPaginationAsync(
        string query, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        Task.FromResult<IQueryResultPage<KeyValue>>(Page(RichQuery(query, null), pageSize, bookmark));

    public IAsyncEnumerable<KeyModification> GetHistoryForKey(string key) =>
        ToAsync(_history.TryGetValue(key, out var history) ? history.AsEnumerable().Reverse().ToArray() : []);

    // ---- Composite keys ----

    public string CreateCompositeKey(string objectType, params IReadOnlyList<string> attributes) => CompositeKey.Create(objectType, attributes);

    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) => CompositeKey.Split(compositeKey);

    // ---- Private data ----

    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(RequireCollection(collection), key));

    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        var value = Read(RequireCollection(collection), key);
        return Task.FromResult(value is null ? null : SHA256.HashData(value));
    }

    public Task PutPrivateDataAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        Write(RequireCollection(collection), key, value.IsEmpty ? null : value.ToArray());
        return Task.CompletedTask;
    }

    public Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        Write(RequireCollection(collection), key, null);
        return Task.CompletedTask;
    }

    public Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        Write(RequireCollection(collection), key, null, purge: true);
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<KeyValue> GetPrivateDataByRange(string collection, string startKey, string endKey) =>
        ToAsync(Range(PrivateStore(RequireCollection(collection)), SimpleStart(startKey), SimpleEnd(endKey)));

    public IAsyncEnumerable<KeyValue> GetPrivateDataByPartialCompositeKey(string collection, string objectType, params IReadOnlyList<string> attributes)
    {
        var (start, end) = PartialRange(objectType, attributes);
        return ToAsync(Range(PrivateStore(RequireCollection(collection)), start, end));
    }

    public IAsyncEnumerable<KeyValue> GetPrivateDataQueryResult(string collection, string query) =>
        ToAsync(RichQuery(query, RequireCollection(collection)));

    // ---- Key-level endorsement ----

    public Task SetStateValidationParameterAsync(string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default)
    {
        _pendingValidationParameters[(string.Empty, key)] = policy.ToArray();
        return Task.CompletedTask;
    }

    public Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_validationParameters.TryGetValue((string.Empty, key), out var policy) ? policy : null);

    public Task SetPrivateDataValidationParameterAsync(
        string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default)
    {
        _pendingValidationParameters[(RequireCollection(collection), key)] = policy.ToArray();
        return Task.CompletedTask;
    }

    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_validationParameters.TryGetValue((RequireCollection(collection), key), out var policy) ? policy : null);

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
        ArgumentNullException.ThrowIfNull(key);
        var store = collection.Length == 0 ? _state : _privateState.GetValueOrDefault(collection);
        return store is not null && store.TryGetValue(key, out var value) ? value : null;
    }

    private void Write(string collection, string key, byte[]? value, bool purge = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (collection.Length == 0 && key[0] == CompositeKey.Namespace)
        {
            // Composite keys are fine; only malformed ones (not ending in the separator) are rejected, as peers do.
            CompositeKey.Split(key);
        }

        _pendingWrites[(collection, key)] = new PendingWrite(value, purge);
    }

    private static KeyValue[] Range(SortedDictionary<string, byte[]> store, string startKey, string? endKey) =>
        store
            .Where(e => !CodePointComparer.IsBefore(e.Key, startKey) && (endKey is null || CodePointComparer.IsBefore(e.Key, endKey)))
            .Select(e => new KeyValue(e.Key, e.Value))
            .ToArray();

    private static InMemoryQueryPage<KeyValue> Page(KeyValue[] all, int pageSize, string bookmark)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
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

    private static string SimpleStart(string startKey)
    {
        ArgumentNullException.ThrowIfNull(startKey);
        var start = startKey.Length == 0 ? "\u0001" : startKey;
        RejectCompositeNamespace(start, nameof(startKey));
        return start;
    }

    private static string? SimpleEnd(string endKey)
    {
        ArgumentNullException.ThrowIfNull(endKey);
        RejectCompositeNamespace(endKey, nameof(endKey));
        return endKey.Length == 0 ? null : endKey;
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

    private static string RequireCollection(string collection)
    {
        if (string.IsNullOrEmpty(collection))
        {
            throw new ArgumentException("The collection must not be an empty string.", nameof(collection));
        }

        return collection;
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IReadOnlyList<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
