namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>A read-only view of one <see cref="StateRoot"/>: what a transaction simulation reads from.</summary>
internal sealed class WorldStateSnapshot(StateRoot root) : IWorldState
{
    public ulong? LastBlockNumber => root.LastBlockNumber;

    public VersionedValue? GetState(string ns, string key) => root.GetState(ns, key);

    public IEnumerable<KeyValuePair<string, VersionedValue>> GetStateRange(string ns, string startKey, string endKey) =>
        root.GetStateRange(ns, startKey, endKey);

    public VersionedValue? GetPrivateData(string ns, string collection, string key) => root.GetPrivateData(ns, collection, key);

    public IEnumerable<KeyValuePair<string, VersionedValue>> GetPrivateDataRange(string ns, string collection, string startKey, string endKey) =>
        root.GetPrivateDataRange(ns, collection, startKey, endKey);

    public VersionedHash? GetPrivateDataHash(string ns, string collection, byte[] keyHash) =>
        root.GetPrivateDataHash(ns, collection, keyHash);

    public IReadOnlyList<KeyModificationEntry> GetHistory(string ns, string key) => root.GetHistory(ns, key);

    public IWorldState GetSnapshot() => this;

    public void ApplyBlock(ulong blockNumber, IReadOnlyList<CommittedTransaction> validTransactions) =>
        throw new InvalidOperationException("A world state snapshot is read-only.");
}
