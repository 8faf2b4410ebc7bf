using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Endorsement;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Configuration;

namespace TradeFinance.Contracts.Internal;

/// <summary>
/// The contracts' view of one transaction: typed reads and writes of public state and collections under
/// composite keys, the configuration, the caller, the transaction time and the one event of the transaction.
/// Reads see committed state only (a peer never shows a transaction its own writes), so each transaction reads
/// everything it needs before it writes.
/// </summary>
internal sealed class TradeLedger
{
    private readonly ChaincodeContext _context;
    private Caller? _caller;

    public TradeLedger(ChaincodeContext context)
    {
        _context = context;
    }

    public IChaincodeStub Stub => _context.Stub;

    /// <summary>The transaction timestamp: the only clock chaincode may use (the same on every endorsing peer).</summary>
    public DateTimeOffset Now => Stub.TxTimestamp;

    public string TxId => Stub.TxId;

    public Caller Caller => _caller ??= new Caller(_context.ClientIdentity);

    private CancellationToken CancellationToken => _context.CancellationToken;

    public string Key(string objectType, params string[] ids) => Stub.CreateCompositeKey(objectType, ids);

    /// <summary>The configuration; 409 when the chaincode was never configured.</summary>
    public async Task<TradeConfiguration> GetConfigurationAsync() =>
        await Stub.GetStateJsonAsync<TradeConfiguration>(Key(TradeKeys.Configuration), CancellationToken).ConfigureAwait(false)
        ?? throw TradeErrors.Conflict("The chaincode is not configured yet: call TradeConfiguration:Initialize first.");

    public Task<T?> FindAsync<T>(string objectType, params string[] ids) =>
        Stub.GetStateJsonAsync<T>(Key(objectType, ids), CancellationToken);

    /// <summary>A public object; 404 naming it when absent.</summary>
    public async Task<T> GetAsync<T>(string what, string objectType, params string[] ids) =>
        await FindAsync<T>(objectType, ids).ConfigureAwait(false)
        ?? throw TradeErrors.NotFound(what, string.Join("/", ids));

    public Task PutAsync<T>(T value, string objectType, params string[] ids) =>
        Stub.PutStateJsonAsync(Key(objectType, ids), value, CancellationToken);

    /// <summary>A private object; 404 when this peer has no copy (it is not a member of the collection, or the data is missing).</summary>
    public async Task<T> GetPrivateAsync<T>(string collection, string what, string objectType, params string[] ids) =>
        await Stub.GetPrivateDataJsonAsync<T>(collection, Key(objectType, ids), CancellationToken).ConfigureAwait(false)
        ?? throw ChaincodeException.NotFound(
            $"The private record of {what} '{string.Join("/", ids)}' is not available on this peer: send the proposal to a peer of collection '{collection}'.");

    public Task PutPrivateAsync<T>(string collection, T value, string objectType, params string[] ids) =>
        Stub.PutPrivateDataJsonAsync(collection, Key(objectType, ids), value, CancellationToken);

    /// <summary>Every public object under a partial composite key, in key order.</summary>
    public async Task<List<T>> ListAsync<T>(string objectType, params string[] ids)
    {
        var items = new List<T>();
        await foreach (var entry in Stub.GetStateByPartialCompositeKey(objectType, ids).WithCancellation(CancellationToken).ConfigureAwait(false))
        {
            items.Add(System.Text.Json.JsonSerializer.Deserialize<T>(entry.Value.Span, ChaincodeJson.Options)!);
        }

        return items;
    }

    /// <summary>Requires the endorsement of every organization in <paramref name="mspIds"/> (their peers) for later changes of the key.</summary>
    public Task RequireEndorsementAsync(IEnumerable<string> mspIds, string objectType, params string[] ids)
    {
        var policy = new KeyEndorsementPolicy().AddOrganizations(EndorsementRole.Peer, mspIds);
        return Stub.SetStateValidationParameterAsync(Key(objectType, ids), policy.ToBytes(), CancellationToken);
    }

    /// <summary>Sets the transaction's one event. Payloads carry IDs and states only, never private terms.</summary>
    public void Emit<T>(string name, T payload) => Stub.SetEventJson(name, payload);
}
