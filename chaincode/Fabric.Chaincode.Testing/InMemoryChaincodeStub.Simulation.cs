using System.Text;
using Fabric.Chaincode.Testing.Internal;

namespace Fabric.Chaincode.Testing;

/// <summary>
/// The refusals of a Fabric v2.5 peer, with its own wording. The peer's handler (core/chaincode/handler.go) answers a
/// failed request with ERROR "&lt;MESSAGE_TYPE&gt; failed: transaction ID: &lt;txid&gt;: &lt;reason&gt;", which the shim
/// turns into a <see cref="ChaincodeException"/> (status 500) carrying exactly that text; the stub throws the same.
/// The reasons come from the transaction simulator (core/ledger/kvledger/txmgmt/txmgr/tx_simulator.go) and the state
/// database's key and value checks.
/// </summary>
public sealed partial class InMemoryChaincodeStub
{
    // The ChaincodeMessage types as the peer names them in its errors.
    private const string GetStateMessage = "GET_STATE";
    private const string GetPrivateDataHashMessage = "GET_PRIVATE_DATA_HASH";
    private const string PutStateMessage = "PUT_STATE";
    private const string DelStateMessage = "DEL_STATE";
    private const string PurgePrivateDataMessage = "PURGE_PRIVATE_DATA";
    private const string GetStateByRangeMessage = "GET_STATE_BY_RANGE";
    private const string GetQueryResultMessage = "GET_QUERY_RESULT";
    private const string GetStateMetadataMessage = "GET_STATE_METADATA";
    private const string PutStateMetadataMessage = "PUT_STATE_METADATA";

    private bool _writePerformed;
    private bool _privateQueryPerformed;
    private bool _paginatedQueryPerformed;
    private bool _isInit;

    /// <summary>The state database whose key, value and query rules the stub applies; default <see cref="StateDatabase.CouchDb"/>, the stricter.</summary>
    public StateDatabase StateDatabase { get; set; } = StateDatabase.CouchDb;

    private void ResetSimulation()
    {
        _writePerformed = false;
        _privateQueryPerformed = false;
        _paginatedQueryPerformed = false;
        _isInit = false;
    }

    private ChaincodeException PeerError(string messageType, string reason) =>
        new($"{messageType} failed: transaction ID: {TxId}: {reason}");

    /// <summary>The handler refuses every private data request of an Init transaction.</summary>
    private void CheckPrivateDataAllowed(string messageType)
    {
        if (_isInit)
        {
            throw PeerError(messageType, "private data APIs are not allowed in chaincode Init()");
        }
    }

    /// <summary>txSimulator.checkWritePrecondition: no write after a private data query or a paginated query; then the database's key and value checks.</summary>
    private void CheckWrite(string messageType, string key, byte[]? value)
    {
        if (_privateQueryPerformed)
        {
            throw PeerError(messageType, $"txid [{TxId}]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed");
        }

        if (_paginatedQueryPerformed)
        {
            throw PeerError(messageType, $"txid [{TxId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed");
        }

        // As in Fabric, the transaction counts as writing even if the database then refuses the key.
        _writePerformed = true;
        if (StateDatabase == StateDatabase.CouchDb && CouchDbRules.Refusal(key, value) is { } refusal)
        {
            throw PeerError(messageType, refusal);
        }
    }

    /// <summary>txSimulator.checkBeforePvtdataQueries: range and rich queries of private data only in a transaction that has not written.</summary>
    private void CheckPrivateQuery(string messageType)
    {
        if (_writePerformed)
        {
            throw PeerError(messageType, $"txid [{TxId}]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction");
        }

        _privateQueryPerformed = true;
    }

    /// <summary>txSimulator.checkBeforePaginatedQueries: paginated queries only in a transaction that has not written.</summary>
    private void CheckPaginatedQuery(string messageType)
    {
        if (_writePerformed)
        {
            throw PeerError(messageType, $"txid [{TxId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction");
        }

        _paginatedQueryPerformed = true;
    }

    /// <summary>GoLevelDB has no rich queries (stateleveldb.ExecuteQuery / ExecuteQueryWithPagination).</summary>
    private void CheckRichQuerySupported(bool paginated)
    {
        if (StateDatabase == StateDatabase.LevelDb)
        {
            throw PeerError(GetQueryResultMessage, paginated ? "ExecuteQueryWithMetadata not supported for leveldb" : "ExecuteQuery not supported for leveldb");
        }
    }

    /// <summary>
    /// The key as the peer receives it: the shim sends strings as UTF-8 (Google.Protobuf), which turns a lone
    /// surrogate into U+FFFD, so two such keys are one key on a peer.
    /// </summary>
    private static string Wire(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(key)) : key;
    }

    /// <summary>Runs the peer's side of a request: its refusals fault the task, as the shim's do.</summary>
    private static Task Peer(Action request)
    {
        try
        {
            request();
            return Task.CompletedTask;
        }
        catch (ChaincodeException refusal)
        {
            return Task.FromException(refusal);
        }
    }

    private static Task<T> Peer<T>(Func<T> request)
    {
        try
        {
            return Task.FromResult(request());
        }
        catch (ChaincodeException refusal)
        {
            return Task.FromException<T>(refusal);
        }
    }
}
