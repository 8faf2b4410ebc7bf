using System.Collections.Immutable;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>A namespace (chaincode) and one of its private data collections.</summary>
internal readonly record struct CollectionKey(string Namespace, string Collection);

/// <summary>A namespace and a public key, for history.</summary>
internal readonly record struct NamespacedKey(string Namespace, string Key);

/// <summary>
/// Private data due to be purged: committed in <paramref name="CommittingBlock"/>, it expires when the block its
/// blockToLive ends at is committed (Fabric: committing block + blockToLive + 1). <paramref name="Key"/> is null
/// where this peer holds only the hash.
/// </summary>
internal sealed record ExpiryEntry(CollectionKey Collection, string KeyHashHex, string? Key, ulong CommittingBlock);

/// <summary>
/// One immutable version of a channel's world state. Applying a block makes a new root; readers keep the root they
/// started with, so they never see a half-applied block.
/// </summary>
internal sealed record StateRoot(
    ulong? LastBlockNumber,
    ImmutableDictionary<string, SortedKeyTable<VersionedValue>> Public,
    ImmutableDictionary<CollectionKey, SortedKeyTable<VersionedValue>> Private,
    ImmutableDictionary<CollectionKey, ImmutableDictionary<string, VersionedHash>> Hashes,
    ImmutableDictionary<NamespacedKey, ImmutableStack<KeyModificationEntry>> History,
    ImmutableDictionary<ulong, ImmutableList<ExpiryEntry>> Expiries)
{
    public static StateRoot Empty { get; } = new(
        null,
        ImmutableDictionary.Create<string, SortedKeyTable<VersionedValue>>(StringComparer.Ordinal),
        ImmutableDictionary<CollectionKey, SortedKeyTable<VersionedValue>>.Empty,
        ImmutableDictionary<CollectionKey, ImmutableDictionary<string, VersionedHash>>.Empty,
        ImmutableDictionary<NamespacedKey, ImmutableStack<KeyModificationEntry>>.Empty,
        ImmutableDictionary<ulong, ImmutableList<ExpiryEntry>>.Empty);

    public VersionedValue? GetState(string ns, string key) =>
        Public.TryGetValue(ns, out var table) ? table.Get(key) : null;

    public IEnumerable<KeyValuePair<string, VersionedValue>> GetStateRange(string ns, string startKey, string endKey) =>
        Public.TryGetValue(ns, out var table) ? table.Range(startKey, endKey) : [];

    public VersionedValue? GetPrivateData(string ns, string collection, string key) =>
        Private.TryGetValue(new CollectionKey(ns, collection), out var table) ? table.Get(key) : null;

    public IEnumerable<KeyValuePair<string, VersionedValue>> GetPrivateDataRange(string ns, string collection, string startKey, string endKey) =>
        Private.TryGetValue(new CollectionKey(ns, collection), out var table) ? table.Range(startKey, endKey) : [];

    public VersionedHash? GetPrivateDataHash(string ns, string collection, byte[] keyHash) =>
        Hashes.TryGetValue(new CollectionKey(ns, collection), out var hashes)
            && hashes.TryGetValue(Convert.ToHexStringLower(keyHash), out var hash) ? hash : null;

    public IReadOnlyList<KeyModificationEntry> GetHistory(string ns, string key) =>
        History.TryGetValue(new NamespacedKey(ns, key), out var entries) ? [.. entries] : [];
}
