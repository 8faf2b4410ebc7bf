using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Identity;
using Fabric.Chaincode.Testing.Internal;
using Fabric.Protos.Msp;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Chaincode.Testing;

/// <summary>
/// An in-memory <see cref="IChaincodeStub"/> for unit tests of contracts, like Go's shimtest MockStub but with the
/// transaction semantics and the refusals of a Fabric v2.5 peer: writes of a transaction are pending until
/// <see cref="Commit"/> (reads, range queries and hashes never see them); a transaction that has queried private
/// data by range or rich query, or run a paginated query, may not write, and one that has written may not run such
/// queries; private data is refused in Init; the CouchDB key and value rules apply unless <see cref="StateDatabase"/>
/// says LevelDB; a key-level policy disappears with its key; keys are ordered by code point and travel as UTF-8; one
/// event per transaction (the last one set); transient data lasts one transaction. The peer's refusals are thrown as
/// the shim throws them: a <see cref="ChaincodeException"/> with the peer's own text (see docs/chaincode-guide.md).
/// <see cref="InvokeAsync(IChaincode, string[])"/> runs a whole transaction: it commits when the response is a
/// success and discards the writes otherwise.
/// </summary>
public sealed partial class InMemoryChaincodeStub : IChaincodeStub
{
    private readonly TimeProvider _timeProvider;
    private readonly SortedDictionary<string, byte[]> _state = new(CodePointComparer.Instance);
    private readonly Dictionary<string, SortedDictionary<string, byte[]>> _privateState = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KeyModification>> _history = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Collection, string Key), byte[]> _validationParameters = [];
    private readonly Dictionary<(string Collection, string Key), PendingWrite> _pendingWrites = [];
    private readonly Dictionary<(string Collection, string Key), byte[]> _pendingValidationParameters = [];
    private readonly List<RecordedEvent> _events = [];
    private readonly HashSet<string> _committedTxIds = new(StringComparer.Ordinal);
    private byte[][] _args = [];
    private long _transactionCount;

    /// <param name="channelId">The channel the stub pretends to serve.</param>
    /// <param name="timeProvider">Source of transaction timestamps; default the system clock. Pass a fake for deterministic tests.</param>
    public InMemoryChaincodeStub(string channelId = "testchannel", TimeProvider? timeProvider = null)
    {
        ChannelId = channelId;
        _timeProvider = timeProvider ?? TimeProvider.System;
        StartTransaction();
    }

    private sealed record PendingWrite(byte[]? Value, bool Purge);

    // ---- Test setup ----

    /// <summary>The identity of the next invocations' creator (set with <see cref="SetCreator"/>), if any.</summary>
    public IClientIdentity? ClientIdentity { get; private set; }

    /// <summary>The transient data of the current transaction; tests add entries here. Cleared when the transaction ends, as a proposal's transient map is its own.</summary>
    public Dictionary<string, byte[]> TransientData { get; } = new(StringComparer.Ordinal);

    /// <summary>The decorations of the current transaction.</summary>
    public Dictionary<string, byte[]> DecorationData { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers rich queries (CouchDB selectors), which an in-memory store cannot run: (query, collection or null) to results.</summary>
    public Func<string, string?, IEnumerable<KeyValue>>? RichQueryHandler { get; set; }

    /// <summary>Answers InvokeChaincodeAsync: (chaincode name, args, channel or null) to a response.</summary>
    public Func<string, IReadOnlyList<byte[]>, string?, ChaincodeResponse>? ChaincodeInvoker { get; set; }

    /// <summary>Committed public state.</summary>
    public IReadOnlyDictionary<string, byte[]> State => _state;

    /// <summary>Events of committed transactions, in order.</summary>
    public IReadOnlyList<RecordedEvent> Events => _events;

    /// <summary>The event set by the current transaction, if any.</summary>
    public RecordedEvent? PendingEvent { get; private set; }

    /// <summary>Makes the creator an X.509 identity of <paramref name="mspId"/>, serialized as a peer would send it.</summary>
    public void SetCreator(string mspId, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var identity = new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(certificate.ExportCertificatePem()) };
        Creator = identity.ToByteArray();
        ClientIdentity = Identity.ClientIdentity.FromCertificate(mspId, certificate);
    }

    /// <summary>Sets the arguments (function name first) of the current transaction.</summary>
    public void SetArgs(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _args = args.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    /// <summary>Committed state of one private data collection.</summary>
    public IReadOnlyDictionary<string, byte[]> PrivateState(string collection) =>
        _privateState.TryGetValue(collection, out var values) ? values : new SortedDictionary<string, byte[]>(CodePointComparer.Instance);

    /// <summary>Begins a new transaction: a new tx ID (unless given), a timestamp from the time provider, no pending writes.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="txId"/> was committed before: a peer refuses a duplicate transaction.</exception>
    public void StartTransaction(string? txId = null)
    {
        if (txId is not null && _committedTxIds.Contains(txId))
        {
            throw new InvalidOperationException($"duplicate transaction found [{txId}]: a transaction ID can be committed only once.");
        }

        do
        {
            _transactionCount++;
            TxId = txId ?? $"tx{_transactionCount:D6}";
        }
        while (_committedTxIds.Contains(TxId));

        TxTimestamp = _timeProvider.GetUtcNow();
        _pendingWrites.Clear();
        _pendingValidationParameters.Clear();
        PendingEvent = null;
        ResetSimulation();
    }

    /// <summary>
    /// Applies the current transaction's writes, history and event as a Fabric peer commits them, then starts a new
    /// transaction. A deleted or purged key loses its key-level policy; a policy set on a key that does not exist
    /// after the transaction is dropped (Fabric's validation/tx_ops.go).
    /// </summary>
    public void Commit()
    {
        _blockNumber++;
        foreach (var ((collection, key), write) in _pendingWrites)
        {
            var store = collection.Length == 0 ? _state : PrivateStore(collection);
            if (write.Value is null)
            {
                store.Remove(key);
                _validationParameters.Remove((collection, key));
            }
            else
            {
                store[key] = write.Value;
            }

            if (collection.Length > 0)
            {
                TrackPrivateVersion(collection, key, deleted: write.Value is null);
            }
            else
            {
                if (!_history.TryGetValue(key, out var history))
                {
                    _history[key] = history = [];
                }

                history.Add(new KeyModification(TxId, write.Value ?? [], TxTimestamp, write.Value is null));
            }
        }

        foreach (var ((collection, key), policy) in _pendingValidationParameters)
        {
            var store = collection.Length == 0 ? _state : PrivateStore(collection);
            if (store.ContainsKey(key))
            {
                _validationParameters[(collection, key)] = policy;
            }
        }

        if (PendingEvent is not null)
        {
            _events.Add(PendingEvent);
        }

        _committedTxIds.Add(TxId);
        TransientData.Clear();
        StartTransaction();
    }

    /// <summary>Discards the current transaction's writes, event and transient data, then starts a new transaction.</summary>
    public void Rollback()
    {
        TransientData.Clear();
        StartTransaction();
    }

    /// <summary>A contract context over this stub (with <see cref="ClientIdentity"/> when a creator was set).</summary>
    public ChaincodeContext CreateContext() =>
        ClientIdentity is null ? new ChaincodeContext(this) : new ChaincodeContext(this, ClientIdentity);

    /// <summary>Runs one whole transaction of <paramref name="chaincode"/>: commits on success, discards on failure.</summary>
    public Task<ChaincodeResponse> InvokeAsync(IChaincode chaincode, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return InvokeAsync(chaincode, args.Select(Encoding.UTF8.GetBytes).ToArray());
    }

    /// <summary>Runs one whole transaction with raw arguments.</summary>
    public Task<ChaincodeResponse> InvokeAsync(IChaincode chaincode, IReadOnlyList<byte[]> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        return RunAsync(chaincode.InvokeAsync, args, isInit: false, cancellationToken);
    }

    /// <summary>Runs one whole Init transaction (a chaincode defined with --init-required): private data is refused in it.</summary>
    public Task<ChaincodeResponse> InitAsync(IChaincode chaincode, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        ArgumentNullException.ThrowIfNull(args);
        return RunAsync(chaincode.InitAsync, args.Select(Encoding.UTF8.GetBytes).ToArray(), isInit: true, CancellationToken.None);
    }

    private async Task<ChaincodeResponse> RunAsync(
        Func<IChaincodeStub, CancellationToken, Task<ChaincodeResponse>> run, IReadOnlyList<byte[]> args, bool isInit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        _args = args.ToArray();
        _isInit = isInit;
        ChaincodeResponse response;
        try
        {
            response = await run(this, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Rollback();
            throw;
        }

        if (response.IsSuccess)
        {
            Commit();
        }
        else
        {
            Rollback();
        }

        return response;
    }

    private SortedDictionary<string, byte[]> PrivateStore(string collection)
    {
        if (!_privateState.TryGetValue(collection, out var store))
        {
            _privateState[collection] = store = new SortedDictionary<string, byte[]>(CodePointComparer.Instance);
        }

        return store;
    }
}
