using Fabric.Protos.Ledger.Rwset;

namespace Fabric.DevNetwork.Ledger;

/// <summary>A value in the world state with the height that wrote it and its metadata (e.g. a key-level endorsement policy).</summary>
internal sealed record VersionedValue(byte[] Value, Height Version, IReadOnlyDictionary<string, byte[]> Metadata);

/// <summary>The hash of a private value as every peer of the channel holds it, member or not.</summary>
internal sealed record VersionedHash(byte[] ValueHash, Height Version, IReadOnlyDictionary<string, byte[]> Metadata);

/// <summary>One committed write of a key, for GetHistoryForKey.</summary>
internal sealed record KeyModificationEntry(string TxId, byte[]? Value, DateTimeOffset Timestamp, bool IsDelete);

/// <summary>
/// One peer's world state of one channel: public state, the private data this peer's organization holds, and the
/// hashes of all private data (held by every peer). Reads are thread-safe and may run concurrently with each
/// other and with <see cref="ApplyBlock"/>; a reader never sees a half-applied block.
/// Namespaces are chaincode names; keys are compared by ordinal UTF-8 byte order, as Fabric's LevelDB state does.
/// </summary>
internal interface IWorldState
{
    /// <summary>The number of the last block applied, or null for an empty ledger.</summary>
    ulong? LastBlockNumber { get; }

    VersionedValue? GetState(string ns, string key);

    /// <summary>Keys in [startKey, endKey) in ordinal order; an empty endKey means no upper bound.</summary>
    IEnumerable<KeyValuePair<string, VersionedValue>> GetStateRange(string ns, string startKey, string endKey);

    /// <summary>Null when the key is absent, or when this peer's organization does not hold the collection.</summary>
    VersionedValue? GetPrivateData(string ns, string collection, string key);

    IEnumerable<KeyValuePair<string, VersionedValue>> GetPrivateDataRange(string ns, string collection, string startKey, string endKey);

    /// <summary>By the SHA-256 of the key; available on every peer of the channel.</summary>
    VersionedHash? GetPrivateDataHash(string ns, string collection, byte[] keyHash);

    /// <summary>Committed writes of a key, newest first.</summary>
    IReadOnlyList<KeyModificationEntry> GetHistory(string ns, string key);

    /// <summary>
    /// A read-only view of the state as it is now, unaffected by blocks applied later: a transaction simulation reads
    /// from one snapshot, so its read set is consistent (Fabric gets the same by holding commits off during simulation).
    /// </summary>
    IWorldState GetSnapshot();

    /// <summary>
    /// Applies the valid transactions of a committed block (invalid ones must not be passed). Private write sets are
    /// applied for the collections this peer holds; hashed write sets always. Also purges private data whose
    /// blockToLive has passed and applies PurgePrivateData (hashed writes with is_purge).
    /// </summary>
    void ApplyBlock(ulong blockNumber, IReadOnlyList<CommittedTransaction> validTransactions);
}

/// <summary>A valid transaction of a block, as the committer hands it to the world state.</summary>
/// <param name="TxNumber">The position of the transaction in its block.</param>
/// <param name="PrivateWrites">The private read-write set this peer received for the transaction, if any.</param>
internal sealed record CommittedTransaction(
    ulong TxNumber,
    string TxId,
    DateTimeOffset Timestamp,
    TxReadWriteSet ReadWriteSet,
    TxPvtReadWriteSet? PrivateWrites);
