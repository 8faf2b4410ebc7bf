using Fabric.Protos.Peer;

namespace Fabric.Chaincode;

/// <summary>
/// Everything a chaincode can ask of the peer during one transaction: the same API as the Go and Node shims'
/// ChaincodeStub. Reads see the state committed before the transaction (never the transaction's own writes,
/// exactly as on a Fabric peer). Calls of one transaction are sent to the peer one at a time, so calling the stub
/// from several tasks at once is safe but not faster. Query results are fetched page by page as they are
/// enumerated; disposing the enumerator (which <c>await foreach</c> does) always closes the peer's iterator.
/// </summary>
public interface IChaincodeStub
{
    // ---- The invocation ----

    /// <summary>The transaction ID of the proposal.</summary>
    string TxId { get; }

    /// <summary>The channel the proposal was sent on.</summary>
    string ChannelId { get; }

    /// <summary>The arguments of the invocation, the function name first.</summary>
    IReadOnlyList<byte[]> Args { get; }

    /// <summary>The first argument as the function name and the rest as UTF-8 strings.</summary>
    (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters();

    /// <summary>The timestamp of the proposal's channel header, set by the client: the same on every endorsing peer.</summary>
    DateTimeOffset TxTimestamp { get; }

    /// <summary>The serialized identity (<c>msp.SerializedIdentity</c>) of the proposal's creator.</summary>
    ReadOnlyMemory<byte> Creator { get; }

    /// <summary>The signed proposal, or null for an invocation that carried none.</summary>
    SignedProposal? SignedProposal { get; }

    /// <summary>SHA-256 of nonce, creator and epoch: binds this proposal to the transaction that will carry it.</summary>
    ReadOnlyMemory<byte> Binding { get; }

    /// <summary>The proposal's transient data: private inputs that are never written to the ledger.</summary>
    IReadOnlyDictionary<string, byte[]> Transient { get; }

    /// <summary>Decorations added by the peer's decorator plugins.</summary>
    IReadOnlyDictionary<string, byte[]> Decorations { get; }

    /// <summary>The MSP ID of the peer running this chaincode (CORE_PEER_LOCALMSPID), or empty when not configured.</summary>
    string LocalMspId { get; }

    // ---- Public state ----

    /// <summary>The committed value of <paramref name="key"/>, or null when the key does not exist.</summary>
    Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="value"/> to <paramref name="key"/> in the transaction's write set.</summary>
    Task PutStateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="key"/> in the transaction's write set.</summary>
    Task DeleteStateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keys from <paramref name="startKey"/> (inclusive) to <paramref name="endKey"/> (exclusive); empty bounds are open.</summary>
    IAsyncEnumerable<KeyValue> GetStateByRange(string startKey, string endKey);

    /// <summary>One page of <see cref="GetStateByRange"/>; pass the returned bookmark to fetch the next page.</summary>
    Task<IQueryResultPage<KeyValue>> GetStateByRangeWithPaginationAsync(
        string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>Every composite key of <paramref name="objectType"/> whose attributes start with <paramref name="attributes"/>.</summary>
    IAsyncEnumerable<KeyValue> GetStateByPartialCompositeKey(string objectType, params IReadOnlyList<string> attributes);

    /// <summary>One page of <see cref="GetStateByPartialCompositeKey"/>.</summary>
    Task<IQueryResultPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>A rich query (CouchDB selector JSON); only on peers whose state database is CouchDB.</summary>
    IAsyncEnumerable<KeyValue> GetQueryResult(string query);

    /// <summary>One page of <see cref="GetQueryResult"/>.</summary>
    Task<IQueryResultPage<KeyValue>> GetQueryResultWithPaginationAsync(
        string query, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>Every committed value of <paramref name="key"/>, newest first (the peer must keep history).</summary>
    IAsyncEnumerable<KeyModification> GetHistoryForKey(string key);

    // ---- Composite keys ----

    /// <summary>Fabric's composite key: U+0000, the object type and each attribute, each followed by U+0000.</summary>
    string CreateCompositeKey(string objectType, params IReadOnlyList<string> attributes);

    /// <summary>The object type and attributes of a key made by <see cref="CreateCompositeKey"/>.</summary>
    (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey);

    // ---- Private data ----

    /// <summary>The value of <paramref name="key"/> in private data <paramref name="collection"/>, or null.</summary>
    Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>The SHA-256 hash of the private value (readable by peers that are not members of the collection), or null.</summary>
    Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a private value; only its hash goes into the public transaction.</summary>
    Task PutPrivateDataAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Deletes a private value.</summary>
    Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes a private value and purges its history from the private data stores of every member peer.</summary>
    Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>A range of private keys; see <see cref="GetStateByRange"/>.</summary>
    IAsyncEnumerable<KeyValue> GetPrivateDataByRange(string collection, string startKey, string endKey);

    /// <summary>Private composite keys by partial key; see <see cref="GetStateByPartialCompositeKey"/>.</summary>
    IAsyncEnumerable<KeyValue> GetPrivateDataByPartialCompositeKey(string collection, string objectType, params IReadOnlyList<string> attributes);

    /// <summary>A rich query over a private data collection.</summary>
    IAsyncEnumerable<KeyValue> GetPrivateDataQueryResult(string collection, string query);

    // ---- Key-level endorsement ----

    /// <summary>Sets the endorsement policy of one public key (a serialized SignaturePolicyEnvelope, see <see cref="Endorsement.KeyEndorsementPolicy"/>).</summary>
    Task SetStateValidationParameterAsync(string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default);

    /// <summary>The key-level endorsement policy of a public key, or null when it has none.</summary>
    Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets the endorsement policy of one private key.</summary>
    Task SetPrivateDataValidationParameterAsync(string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default);

    /// <summary>The key-level endorsement policy of a private key, or null when it has none.</summary>
    Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default);

    // ---- Events and other chaincode ----

    /// <summary>Sets the transaction's chaincode event (one per transaction: a later call replaces an earlier one).</summary>
    void SetEvent(string name, ReadOnlyMemory<byte> payload);

    /// <summary>
    /// Calls another chaincode in this transaction. On the same channel its writes join this transaction; on
    /// another channel (<paramref name="channel"/>) it can only be read.
    /// </summary>
    Task<ChaincodeResponse> InvokeChaincodeAsync(
        string chaincodeName, IReadOnlyList<byte[]> args, string? channel = null, CancellationToken cancellationToken = default);
}
