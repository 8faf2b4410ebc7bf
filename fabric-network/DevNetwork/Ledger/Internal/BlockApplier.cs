using System.Collections.Immutable;
using System.Security.Cryptography;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// Applies the valid transactions of one block to a <see cref="StateRoot"/> and returns the next root: public writes,
/// hashed private writes (every peer), cleartext private writes (member peers only, and only when they match the
/// hash in the block), history, PurgePrivateData and blockToLive expiry.
/// </summary>
internal sealed class BlockApplier
{
    private readonly StateRoot root;
    private readonly ulong blockNumber;
    private readonly Func<string, string, CollectionAccess?> findCollection;
    private readonly string localMspId;
    private readonly Dictionary<string, Dictionary<string, VersionedValue?>> publicChanges = new(StringComparer.Ordinal);
    private readonly Dictionary<CollectionKey, Dictionary<string, VersionedValue?>> privateChanges = [];
    private readonly Dictionary<CollectionKey, Dictionary<string, VersionedHash?>> hashChanges = [];
    private readonly Dictionary<CollectionKey, Dictionary<string, string>> privateKeysByHash = [];
    private readonly List<(NamespacedKey Key, KeyModificationEntry Entry)> history = [];

    public BlockApplier(StateRoot root, ulong blockNumber, string localMspId, Func<string, string, CollectionAccess?> findCollection)
    {
        this.root = root;
        this.blockNumber = blockNumber;
        this.localMspId = localMspId;
        this.findCollection = findCollection;
    }

    public StateRoot Apply(IReadOnlyList<CommittedTransaction> transactions)
    {
        foreach (var transaction in transactions)
        {
            ApplyTransaction(transaction);
        }

        var expiries = ScheduleExpiries(root.Expiries);
        if (root.Expiries.TryGetValue(blockNumber, out var expiring))
        {
            PurgeExpired(expiring);
            expiries = expiries.Remove(blockNumber);
        }

        return root with
        {
            LastBlockNumber = blockNumber,
            Public = Merge(root.Public, publicChanges, SortedKeyTable<VersionedValue>.Empty),
            Private = Merge(root.Private, privateChanges, SortedKeyTable<VersionedValue>.Empty),
            Hashes = MergeHashes(),
            History = MergeHistory(),
            Expiries = expiries,
        };
    }

    private void ApplyTransaction(CommittedTransaction transaction)
    {
        var height = new Height(blockNumber, transaction.TxNumber);
        var privateSets = new Dictionary<CollectionKey, ByteString>();
        foreach (var ns in transaction.PrivateWrites?.NsPvtRwset ?? [])
        {
            foreach (var collection in ns.CollectionPvtRwset)
            {
                privateSets[new CollectionKey(ns.Namespace, collection.CollectionName)] = collection.Rwset;
            }
        }

        foreach (var nsSet in transaction.ReadWriteSet.NsRwset)
        {
            var kvSet = KVRWSet.Parser.ParseFrom(nsSet.Rwset);
            ApplyPublic(nsSet.Namespace, kvSet, height, transaction);
            foreach (var hashedSet in nsSet.CollectionHashedRwset)
            {
                var key = new CollectionKey(nsSet.Namespace, hashedSet.CollectionName);
                var hashed = HashedRWSet.Parser.ParseFrom(hashedSet.HashedRwset);
                var hashResults = ApplyHashed(key, hashed, height);
                var access = findCollection(key.Namespace, key.Collection);
                if (access is null || !access.IsMember(localMspId))
                {
                    continue;
                }

                // A member applies the cleartext only when it matches the hash the block carries; otherwise the data
                // is missing on this peer and reads of it fail the version check, as on Fabric.
                if (privateSets.TryGetValue(key, out var privateBytes)
                    && SHA256.HashData(privateBytes.Span).AsSpan().SequenceEqual(hashedSet.PvtRwsetHash.Span))
                {
                    ApplyPrivate(key, KVRWSet.Parser.ParseFrom(privateBytes), hashResults, height);
                }

                PurgeWithoutCleartext(key, hashed);
            }
        }
    }

    private void ApplyPublic(string ns, KVRWSet kvSet, Height height, CommittedTransaction transaction)
    {
        var operations = new Dictionary<string, KeyOperation>(StringComparer.Ordinal);
        foreach (var write in kvSet.Writes)
        {
            Operation(operations, write.Key).SetValue(write.Value.ToByteArray(), write.IsDelete);
            var isDelete = write.IsDelete || write.Value.IsEmpty;
            history.Add((new NamespacedKey(ns, write.Key),
                new KeyModificationEntry(transaction.TxId, isDelete ? null : write.Value.ToByteArray(), transaction.Timestamp, isDelete)));
        }

        foreach (var metadataWrite in kvSet.MetadataWrites)
        {
            Operation(operations, metadataWrite.Key).SetMetadata(metadataWrite.Entries);
        }

        var changes = Changes(publicChanges, ns);
        foreach (var (key, operation) in operations)
        {
            var latest = changes.TryGetValue(key, out var changed) ? changed : root.GetState(ns, key);
            if (operation.IsNoOp(latest is not null))
            {
                continue;
            }

            var resolved = operation.Resolve(latest?.Value, latest?.Metadata);
            changes[key] = resolved is { } r ? new VersionedValue(r.Value, height, r.Metadata) : null;
        }
    }

    private Dictionary<string, VersionedHash?> ApplyHashed(CollectionKey collection, HashedRWSet hashed, Height height)
    {
        var operations = new Dictionary<string, KeyOperation>(StringComparer.Ordinal);
        foreach (var write in hashed.HashedWrites)
        {
            // A purge is a delete of the hash (and of the cleartext on members).
            Operation(operations, Convert.ToHexStringLower(write.KeyHash.Span))
                .SetValue(write.ValueHash.ToByteArray(), write.IsDelete || write.IsPurge || IsHashOfEmptyValue(write.ValueHash));
        }

        foreach (var metadataWrite in hashed.MetadataWrites)
        {
            Operation(operations, Convert.ToHexStringLower(metadataWrite.KeyHash.Span)).SetMetadata(metadataWrite.Entries);
        }

        var changes = Changes(hashChanges, collection);
        var results = new Dictionary<string, VersionedHash?>(StringComparer.Ordinal);
        foreach (var (hashHex, operation) in operations)
        {
            var latest = changes.TryGetValue(hashHex, out var changed) ? changed : LatestCommittedHash(collection, hashHex);
            if (operation.IsNoOp(latest is not null))
            {
                continue;
            }

            var resolved = operation.Resolve(latest?.ValueHash, latest?.Metadata);
            var value = resolved is { } r ? new VersionedHash(r.Value, height, r.Metadata) : null;
            changes[hashHex] = value;
            results[hashHex] = value;
        }

        return results;
    }

    private void ApplyPrivate(CollectionKey collection, KVRWSet privateSet, Dictionary<string, VersionedHash?> hashResults, Height height)
    {
        var changes = Changes(privateChanges, collection);
        var keysByHash = Changes(privateKeysByHash, collection);
        var keys = privateSet.Writes.Select(w => w.Key).Concat(privateSet.MetadataWrites.Select(m => m.Key)).Distinct(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var hashHex = HashKey(key);
            keysByHash[hashHex] = key;

            // The hash carries the key's metadata; the cleartext copy mirrors it.
            if (!hashResults.TryGetValue(hashHex, out var hash))
            {
                continue;
            }

            var write = privateSet.Writes.LastOrDefault(w => w.Key == key);
            var latest = changes.TryGetValue(key, out var changed) ? changed : root.GetPrivateData(collection.Namespace, collection.Collection, key);
            if (hash is null)
            {
                changes[key] = null;
            }
            else if (write is not null && !write.IsDelete && !write.Value.IsEmpty)
            {
                changes[key] = new VersionedValue(write.Value.ToByteArray(), height, hash.Metadata);
            }
            else if (latest is not null)
            {
                changes[key] = latest with { Version = height, Metadata = hash.Metadata };
            }
        }
    }

    // A member that did not receive the cleartext of a purge still removes its copy, found by the key's hash.
    private void PurgeWithoutCleartext(CollectionKey collection, HashedRWSet hashed)
    {
        foreach (var write in hashed.HashedWrites.Where(w => w.IsPurge))
        {
            var key = FindPrivateKey(collection, Convert.ToHexStringLower(write.KeyHash.Span));
            if (key is not null)
            {
                Changes(privateChanges, collection)[key] = null;
            }
        }
    }

    private ImmutableDictionary<ulong, ImmutableList<ExpiryEntry>> ScheduleExpiries(ImmutableDictionary<ulong, ImmutableList<ExpiryEntry>> expiries)
    {
        foreach (var (collection, changes) in hashChanges)
        {
            var blockToLive = findCollection(collection.Namespace, collection.Collection)?.BlockToLive ?? 0;
            if (blockToLive == 0)
            {
                continue;
            }

            var expiringBlock = blockNumber + blockToLive + 1;
            if (expiringBlock <= blockNumber)
            {
                continue; // overflow: never expires
            }

            foreach (var (hashHex, hash) in changes)
            {
                if (hash is null)
                {
                    continue;
                }

                string? key = null;
                if (privateKeysByHash.TryGetValue(collection, out var keys) && keys.TryGetValue(hashHex, out var knownKey)
                    && privateChanges.TryGetValue(collection, out var privates) && privates.TryGetValue(knownKey, out var value) && value is not null)
                {
                    key = knownKey;
                }

                var entry = new ExpiryEntry(collection, hashHex, key, blockNumber);
                expiries = expiries.SetItem(expiringBlock, expiries.TryGetValue(expiringBlock, out var list) ? list.Add(entry) : [entry]);
            }
        }

        return expiries;
    }

    // Fabric purges at the expiring block what is still at the version the expiry was scheduled for, unless this block
    // writes the key again.
    private void PurgeExpired(IEnumerable<ExpiryEntry> expiring)
    {
        foreach (var entry in expiring)
        {
            var hashWritten = hashChanges.TryGetValue(entry.Collection, out var hashes) && hashes.ContainsKey(entry.KeyHashHex);
            var key = entry.Key;
            var privateWritten = key is not null && privateChanges.TryGetValue(entry.Collection, out var privates) && privates.ContainsKey(key);
            var currentHash = LatestCommittedHash(entry.Collection, entry.KeyHashHex);
            if (currentHash is not null && currentHash.Version.BlockNumber == entry.CommittingBlock)
            {
                if (!hashWritten)
                {
                    Changes(hashChanges, entry.Collection)[entry.KeyHashHex] = null;
                }

                key ??= FindPrivateKey(entry.Collection, entry.KeyHashHex);
                if (key is not null && !privateWritten)
                {
                    Changes(privateChanges, entry.Collection)[key] = null;
                }
            }
            else if (key is not null && !privateWritten
                && root.GetPrivateData(entry.Collection.Namespace, entry.Collection.Collection, key) is { } value
                && value.Version.BlockNumber == entry.CommittingBlock)
            {
                Changes(privateChanges, entry.Collection)[key] = null;
            }
        }
    }

    private string? FindPrivateKey(CollectionKey collection, string hashHex)
    {
        if (privateKeysByHash.TryGetValue(collection, out var keys) && keys.TryGetValue(hashHex, out var key))
        {
            return key;
        }

        return root.Private.TryGetValue(collection, out var table)
            ? table.All().Select(e => e.Key).FirstOrDefault(k => HashKey(k) == hashHex)
            : null;
    }

    private VersionedHash? LatestCommittedHash(CollectionKey collection, string hashHex) =>
        root.Hashes.TryGetValue(collection, out var hashes) && hashes.TryGetValue(hashHex, out var hash) ? hash : null;

    private ImmutableDictionary<CollectionKey, ImmutableDictionary<string, VersionedHash>> MergeHashes()
    {
        var result = root.Hashes;
        foreach (var (collection, changes) in hashChanges)
        {
            var hashes = result.TryGetValue(collection, out var existing) ? existing : ImmutableDictionary.Create<string, VersionedHash>(StringComparer.Ordinal);
            foreach (var (hashHex, hash) in changes)
            {
                hashes = hash is null ? hashes.Remove(hashHex) : hashes.SetItem(hashHex, hash);
            }

            result = result.SetItem(collection, hashes);
        }

        return result;
    }

    private ImmutableDictionary<NamespacedKey, ImmutableStack<KeyModificationEntry>> MergeHistory()
    {
        var result = root.History;
        foreach (var (key, entry) in history)
        {
            result = result.SetItem(key, (result.TryGetValue(key, out var entries) ? entries : []).Push(entry));
        }

        return result;
    }

    private static ImmutableDictionary<TKey, SortedKeyTable<VersionedValue>> Merge<TKey>(
        ImmutableDictionary<TKey, SortedKeyTable<VersionedValue>> tables,
        Dictionary<TKey, Dictionary<string, VersionedValue?>> changes,
        SortedKeyTable<VersionedValue> empty)
        where TKey : notnull
    {
        foreach (var (tableKey, tableChanges) in changes)
        {
            var table = tables.TryGetValue(tableKey, out var existing) ? existing : empty;
            tables = tables.SetItem(tableKey, table.With(tableChanges));
        }

        return tables;
    }

    private static KeyOperation Operation(Dictionary<string, KeyOperation> operations, string key)
    {
        if (!operations.TryGetValue(key, out var operation))
        {
            operation = new KeyOperation();
            operations[key] = operation;
        }

        return operation;
    }

    private static Dictionary<string, TValue> Changes<TKey, TValue>(Dictionary<TKey, Dictionary<string, TValue>> changes, TKey key)
        where TKey : notnull
    {
        if (!changes.TryGetValue(key, out var inner))
        {
            inner = new Dictionary<string, TValue>(StringComparer.Ordinal);
            changes[key] = inner;
        }

        return inner;
    }

    private static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    // FAB-18386: a hashed write whose value hash is the hash of an empty value is a delete.
    private static bool IsHashOfEmptyValue(ByteString valueHash) =>
        valueHash.Length == 32 && SHA256.HashData(ReadOnlySpan<byte>.Empty).AsSpan().SequenceEqual(valueHash.Span);
}
