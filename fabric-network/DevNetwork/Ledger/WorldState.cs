using Fabric.DevNetwork.Ledger.Internal;
using Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// The in-memory world state of one channel on one peer. Every applied block produces a new immutable state that is
/// published atomically, so reads never block, never see a half-applied block, and <see cref="GetSnapshot"/> is free.
/// Blocks are applied one at a time, in increasing order.
/// </summary>
internal sealed class WorldState : IWorldState
{
    private readonly string localMspId;
    private readonly Func<string, CollectionConfigPackage?> collectionConfigs;
    private readonly Lock applyLock = new();
    private StateRoot root = StateRoot.Empty;

    /// <param name="localMspId">The MSP ID of this peer's organization: private data is stored for the collections it is a member of.</param>
    /// <param name="collectionConfigs">The collection configuration of a chaincode (namespace) by name, or null when it has none;
    /// consulted for membership and blockToLive at every block. Implicit collections are recognised by name.</param>
    public WorldState(string localMspId, Func<string, CollectionConfigPackage?> collectionConfigs)
    {
        ArgumentException.ThrowIfNullOrEmpty(localMspId);
        ArgumentNullException.ThrowIfNull(collectionConfigs);
        this.localMspId = localMspId;
        this.collectionConfigs = collectionConfigs;
    }

    public ulong? LastBlockNumber => Current.LastBlockNumber;

    private StateRoot Current => Volatile.Read(ref root);

    public VersionedValue? GetState(string ns, string key) => Current.GetState(ns, key);

    public IEnumerable<KeyValuePair<string, VersionedValue>> GetStateRange(string ns, string startKey, string endKey) =>
        Current.GetStateRange(ns, startKey, endKey);

    public VersionedValue? GetPrivateData(string ns, string collection, string key) => Current.GetPrivateData(ns, collection, key);

    public IEnumerable<KeyValuePair<string, VersionedValue>> GetPrivateDataRange(string ns, string collection, string startKey, string endKey) =>
        Current.GetPrivateDataRange(ns, collection, startKey, endKey);

    public VersionedHash? GetPrivateDataHash(string ns, string collection, byte[] keyHash) =>
        Current.GetPrivateDataHash(ns, collection, keyHash);

    public IReadOnlyList<KeyModificationEntry> GetHistory(string ns, string key) => Current.GetHistory(ns, key);

    public IWorldState GetSnapshot() => new WorldStateSnapshot(Current);

    public void ApplyBlock(ulong blockNumber, IReadOnlyList<CommittedTransaction> validTransactions)
    {
        ArgumentNullException.ThrowIfNull(validTransactions);
        lock (applyLock)
        {
            var current = root;
            if (current.LastBlockNumber is { } last && blockNumber <= last)
            {
                throw new InvalidOperationException($"Block {blockNumber} is not after the last applied block {last}.");
            }

            var next = new BlockApplier(current, blockNumber, localMspId, FindCollection).Apply(validTransactions);
            Volatile.Write(ref root, next);
        }
    }

    private CollectionAccess? FindCollection(string ns, string collection) => CollectionAccess.Find(collectionConfigs(ns), collection);
}
