using System.Text;
using System.Text.Json;
using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;

namespace PharmaSettlement.Internal;

/// <summary>
/// Typed access to public state and private collections for one transaction, plus its timestamp and its event.
/// Reads see only committed state (never this transaction's own writes), as on a Fabric peer.
/// </summary>
internal sealed class Ledger
{
    private static readonly byte[] Marker = [0x01];

    private readonly ChaincodeContext _context;

    public Ledger(ChaincodeContext context)
    {
        _context = context;
    }

    public IChaincodeStub Stub => _context.Stub;

    /// <summary>The transaction timestamp: the only clock chaincode may use.</summary>
    public DateTimeOffset Now => Stub.TxTimestamp;

    public DateOnly Today => DateOnly.FromDateTime(Stub.TxTimestamp.UtcDateTime);

    private CancellationToken CancellationToken => _context.CancellationToken;

    public async Task<T?> GetAsync<T>(string key)
        where T : class
    {
        var bytes = await Stub.GetStateAsync(key, CancellationToken).ConfigureAwait(false);
        return bytes is null ? null : JsonSerializer.Deserialize<T>(bytes, ChaincodeJson.Options);
    }

    /// <summary>The object at <paramref name="key"/>, or 404 naming it.</summary>
    public async Task<T> RequireAsync<T>(string key, string what, string id)
        where T : class =>
        await GetAsync<T>(key).ConfigureAwait(false) ?? throw Refusals.NotFound(what, id);

    public async Task<bool> ExistsAsync(string key) =>
        await Stub.GetStateAsync(key, CancellationToken).ConfigureAwait(false) is not null;

    public Task PutAsync<T>(string key, T value) =>
        Stub.PutStateAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, ChaincodeJson.Options), CancellationToken);

    /// <summary>Writes an index entry whose value carries no information (Fabric treats an empty value as a delete).</summary>
    public Task PutMarkerAsync(string key) => Stub.PutStateAsync(key, Marker, CancellationToken);

    public Task PutStringAsync(string key, string value) => Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value), CancellationToken);

    public Task DeleteAsync(string key) => Stub.DeleteStateAsync(key, CancellationToken);

    public async Task<long> GetCounterAsync(string key)
    {
        var bytes = await Stub.GetStateAsync(key, CancellationToken).ConfigureAwait(false);
        return bytes is null ? 0 : long.Parse(Encoding.UTF8.GetString(bytes), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task PutCounterAsync(string key, long value) =>
        Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken);

    public async Task<T?> GetPrivateAsync<T>(string collection, string key)
        where T : class
    {
        var bytes = await Stub.GetPrivateDataAsync(collection, key, CancellationToken).ConfigureAwait(false);
        return bytes is null ? null : JsonSerializer.Deserialize<T>(bytes, ChaincodeJson.Options);
    }

    public Task PutPrivateAsync<T>(string collection, string key, T value) =>
        Stub.PutPrivateDataAsync(collection, key, JsonSerializer.SerializeToUtf8Bytes(value, ChaincodeJson.Options), CancellationToken);

    /// <summary>Every public value under a partial composite key.</summary>
    public async IAsyncEnumerable<T> ScanAsync<T>(string objectType, params string[] attributes)
    {
        await foreach (var entry in Stub.GetStateByPartialCompositeKey(objectType, attributes).WithCancellation(CancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.Deserialize<T>(entry.Value.Span, ChaincodeJson.Options)!;
        }
    }

    /// <summary>The attributes of every public key under a partial composite key (for index entries).</summary>
    public async IAsyncEnumerable<IReadOnlyList<string>> ScanKeysAsync(string objectType, params string[] attributes)
    {
        await foreach (var entry in Stub.GetStateByPartialCompositeKey(objectType, attributes).WithCancellation(CancellationToken).ConfigureAwait(false))
        {
            yield return CompositeKey.Split(entry.Key).Attributes;
        }
    }

    /// <summary>Sets the transaction's event (one per transaction). Payloads carry IDs and states, never prices.</summary>
    public void Emit<T>(string name, T payload) => Stub.SetEventJson(name, payload);
}
