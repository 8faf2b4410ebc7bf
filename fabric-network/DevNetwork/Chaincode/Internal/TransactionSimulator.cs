using System.Security.Cryptography;
using System.Text;
using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Ledger.QueryResult;
using Fabric.Protos.Ledger.Rwset;
using Google.Protobuf;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// Simulates one transaction over a snapshot of the world state, recording what Fabric records. Reads always see the
/// committed state: Fabric does not let a transaction read its own writes. Chaincode-to-chaincode calls on the same
/// channel share the simulator, so the result covers every namespace the transaction touched.
/// Collection existence and access checks are the caller's (they need the collection configuration).
/// </summary>
internal sealed class TransactionSimulator
{
    private readonly IWorldState state;
    private readonly string txId;
    private readonly ReadWriteSetBuilder builder = new();
    private readonly List<StateRangeIterator> rangeIterators = [];
    private readonly Lock gate = new();
    private bool writePerformed;
    private bool privateQueryPerformed;
    private bool paginatedQueryPerformed;
    private bool resultsTaken;

    /// <param name="state">The state to read; pass a snapshot (<see cref="IWorldState.GetSnapshot"/>) so that reads are consistent.</param>
    public TransactionSimulator(IWorldState state, string txId)
    {
        this.state = state;
        this.txId = txId;
    }

    public byte[]? GetState(string ns, string key) => ReadState(ns, key)?.Value;

    public IReadOnlyDictionary<string, byte[]> GetStateMetadata(string ns, string key) =>
        ReadState(ns, key)?.Metadata ?? KeyOperationsMetadata.Empty;

    public void SetState(string ns, string key, byte[]? value)
    {
        lock (gate)
        {
            CheckWritePrecondition();
            builder.AddWrite(ns, key, value);
        }
    }

    public void DeleteState(string ns, string key) => SetState(ns, key, null);

    /// <summary>Replaces the key's metadata (Fabric writes the whole metadata map); null deletes it.</summary>
    public void SetStateMetadata(string ns, string key, IReadOnlyDictionary<string, byte[]>? metadata)
    {
        lock (gate)
        {
            CheckWritePrecondition();
            builder.AddMetadataWrite(ns, key, metadata);
        }
    }

    /// <param name="pageSize">The most results the scan returns; 0 for no limit.</param>
    /// <param name="paginated">True for a paginated query (page size or bookmark given): allowed only in read-only transactions.</param>
    public StateRangeIterator GetStateRange(string ns, string startKey, string endKey, int pageSize, bool paginated)
    {
        lock (gate)
        {
            CheckNotDone();
            if (paginated)
            {
                if (writePerformed)
                {
                    throw new SimulationException($"txid [{txId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction");
                }

                paginatedQueryPerformed = true;
            }

            var iterator = new StateRangeIterator(ns, state, startKey, endKey, pageSize);
            rangeIterators.Add(iterator);
            return iterator;
        }
    }

    public byte[]? GetPrivateData(string ns, string collection, string key)
    {
        lock (gate)
        {
            CheckNotDone();
            var value = state.GetPrivateData(ns, collection, key);
            var hash = state.GetPrivateDataHash(ns, collection, HashOf(key));

            // A peer without the cleartext (not a member, or the data is missing or purged) has the hash only.
            if (value?.Version != hash?.Version)
            {
                throw new SimulationException(
                    "private data matching public hash version is not available. " +
                    $"Public hash version = {Format(hash?.Version)}, Private data version = {Format(value?.Version)}");
            }

            builder.AddHashedRead(ns, collection, key, value?.Version);
            return value?.Value;
        }
    }

    public byte[]? GetPrivateDataHash(string ns, string collection, string key)
    {
        lock (gate)
        {
            CheckNotDone();
            var hash = state.GetPrivateDataHash(ns, collection, HashOf(key));
            builder.AddHashedRead(ns, collection, key, hash?.Version);
            return hash?.ValueHash;
        }
    }

    public IReadOnlyDictionary<string, byte[]> GetPrivateDataMetadata(string ns, string collection, string key)
    {
        lock (gate)
        {
            CheckNotDone();
            var hash = state.GetPrivateDataHash(ns, collection, HashOf(key));
            builder.AddHashedRead(ns, collection, key, hash?.Version);
            return hash?.Metadata ?? KeyOperationsMetadata.Empty;
        }
    }

    public void SetPrivateData(string ns, string collection, string key, byte[]? value)
    {
        lock (gate)
        {
            CheckWritePrecondition();
            builder.AddPrivateWrite(ns, collection, key, value);
        }
    }

    public void DeletePrivateData(string ns, string collection, string key) => SetPrivateData(ns, collection, key, null);

    public void PurgePrivateData(string ns, string collection, string key)
    {
        lock (gate)
        {
            CheckWritePrecondition();
            builder.AddPrivateWrite(ns, collection, key, null, isPurge: true);
        }
    }

    public void SetPrivateDataMetadata(string ns, string collection, string key, IReadOnlyDictionary<string, byte[]>? metadata)
    {
        lock (gate)
        {
            CheckWritePrecondition();
            builder.AddPrivateMetadataWrite(ns, collection, key, metadata);
        }
    }

    /// <summary>A scan of private data; not recorded (Fabric cannot validate it), and allowed only in read-only transactions.</summary>
    public IQueryIterator GetPrivateDataRange(string ns, string collection, string startKey, string endKey)
    {
        lock (gate)
        {
            CheckNotDone();
            if (writePerformed)
            {
                throw new SimulationException($"txid [{txId}]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction");
            }

            privateQueryPerformed = true;
            return new ListIterator(state.GetPrivateDataRange(ns, collection, startKey, endKey)
                .Select(e => (IMessage)new KV { Namespace = ns, Key = e.Key, Value = ByteString.CopyFrom(e.Value.Value) }));
        }
    }

    /// <summary>The committed writes of a key, newest first (Fabric's history database; not part of the read set).</summary>
    public IQueryIterator GetHistoryForKey(string ns, string key) =>
        new ListIterator(state.GetHistory(ns, key).Select(h => (IMessage)new KeyModification
        {
            TxId = h.TxId,
            Value = h.Value is null ? ByteString.Empty : ByteString.CopyFrom(h.Value),
            Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(h.Timestamp),
            IsDelete = h.IsDelete,
        }));

    /// <summary>The simulation results; may be taken once, after which the simulator refuses further use.</summary>
    public (TxReadWriteSet Public, TxPvtReadWriteSet? Private) TakeResults()
    {
        lock (gate)
        {
            if (resultsTaken)
            {
                throw new InvalidOperationException("this function should only be called once on a transaction simulator instance");
            }

            resultsTaken = true;
            foreach (var iterator in rangeIterators)
            {
                builder.AddRangeQuery(iterator.Namespace, iterator.Complete());
                iterator.Close();
            }

            return builder.Build();
        }
    }

    private VersionedValue? ReadState(string ns, string key)
    {
        lock (gate)
        {
            CheckNotDone();
            var value = state.GetState(ns, key);
            builder.AddRead(ns, key, value?.Version);
            return value;
        }
    }

    private void CheckWritePrecondition()
    {
        CheckNotDone();
        if (privateQueryPerformed)
        {
            throw new SimulationException($"txid [{txId}]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed");
        }

        if (paginatedQueryPerformed)
        {
            throw new SimulationException($"txid [{txId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed");
        }

        writePerformed = true;
    }

    private void CheckNotDone()
    {
        if (resultsTaken)
        {
            throw new SimulationException("this instance should not be used after calling Done()");
        }
    }

    private static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Format(Height? version) =>
        version is { } v ? $"{{BlockNum: {v.BlockNumber}, TxNum: {v.TxNumber}}}" : "<nil>";
}
