using Fabric.Policies;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Policies;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Tests.TestDoubles;

/// <summary>
/// A scripted chaincode runtime standing in for the real one (Chaincode/): it "runs" a small asset contract in
/// process against the peer's world state and records read-write sets exactly as a simulation would.
/// Functions: put k v (reads then writes k, event "put"), get k, fail, range start end, putPrivate coll k (value from
/// transient "value"), getPrivate coll k, purgePrivate coll k (PurgePrivateData), random k (non-deterministic), keyPolicy k MSPID (state-based endorsement).
/// </summary>
internal sealed class AssetChaincodeRuntime(string mspId) : IChaincodeRuntime
{
    public string MspId { get; } = mspId;

    public int Invocations;

    public Task<ChaincodeExecutionResult> ExecuteAsync(ChaincodeInvocation invocation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Invocations);
        var args = invocation.Input.Args.Select(a => a.ToStringUtf8()).ToArray();
        var ns = invocation.ChaincodeName;
        var kv = new KVRWSet();
        var hashedByCollection = new Dictionary<string, (HashedRWSet Hashed, KVRWSet Private)>();
        ChaincodeEvent? chaincodeEvent = null;
        Response response;
        switch (args.FirstOrDefault())
        {
            case "put":
                Read(kv, invocation, ns, args[1]);
                kv.Writes.Add(new KVWrite { Key = args[1], Value = ByteString.CopyFromUtf8(args[2]) });
                chaincodeEvent = new ChaincodeEvent { ChaincodeId = ns, TxId = invocation.TxId, EventName = "put", Payload = ByteString.CopyFromUtf8(args[2]) };
                response = Ok(args[2]);
                break;
            case "get":
                var value = Read(kv, invocation, ns, args[1]);
                response = value is null ? Error($"the asset {args[1]} does not exist") : Ok(Encoding.UTF8.GetString(value));
                break;
            case "fail":
                response = Error("deliberate failure");
                break;
            case "range":
                var results = invocation.State.GetStateRange(ns, args[1], args[2]).ToList();
                var reads = new QueryReads();
                reads.KvReads.AddRange(results.Select(r => new KVRead { Key = r.Key, Version = Version(r.Value.Version) }));
                kv.RangeQueriesInfo.Add(new RangeQueryInfo { StartKey = args[1], EndKey = args[2], ItrExhausted = true, RawReads = reads });
                response = Ok(JsonSerializer.Serialize(results.Select(r => r.Key)));
                break;
            case "putPrivate":
                if (!invocation.TransientMap.TryGetValue("value", out var secret))
                {
                    response = Error("transient field 'value' is required");
                    break;
                }

                var entry = Collection(hashedByCollection, args[1]);
                entry.Hashed.HashedWrites.Add(new KVWriteHash { KeyHash = ByteString.CopyFrom(Sha256(args[2])), ValueHash = ByteString.CopyFrom(SHA256.HashData(secret)) });
                entry.Private.Writes.Add(new KVWrite { Key = args[2], Value = ByteString.CopyFrom(secret) });
                response = Ok("");
                break;
            case "getPrivate":
                var hash = invocation.State.GetPrivateDataHash(ns, args[1], Sha256(args[2]));
                var reading = Collection(hashedByCollection, args[1]);
                reading.Hashed.HashedReads.Add(new KVReadHash { KeyHash = ByteString.CopyFrom(Sha256(args[2])), Version = hash is null ? null : Version(hash.Version) });
                var privateValue = invocation.State.GetPrivateData(ns, args[1], args[2]);
                response = privateValue is null ? Error($"private asset {args[2]} not found") : Ok(Encoding.UTF8.GetString(privateValue.Value));
                break;
            case "purgePrivate":
                var purge = Collection(hashedByCollection, args[1]);
                purge.Hashed.HashedWrites.Add(new KVWriteHash { KeyHash = ByteString.CopyFrom(Sha256(args[2])), IsDelete = true, IsPurge = true });
                purge.Private.Writes.Add(new KVWrite { Key = args[2], IsDelete = true });
                response = Ok("");
                break;
            case "random":
                kv.Writes.Add(new KVWrite { Key = args[1], Value = ByteString.CopyFromUtf8(Guid.NewGuid().ToString()) });
                response = Ok("");
                break;
            case "keyPolicy":
                var metadata = new KVMetadataWrite { Key = args[1] };
                metadata.Entries.Add(new KVMetadataEntry
                {
                    Name = "VALIDATION_PARAMETER",
                    Value = SignaturePolicyParser.Parse($"OR('{args[2]}.peer')").ToByteString(),
                });
                kv.MetadataWrites.Add(metadata);
                response = Ok("");
                break;
            default:
                response = Error($"unknown function {args.FirstOrDefault()}");
                break;
        }

        var nsRwset = new NsReadWriteSet { Namespace = ns, Rwset = kv.ToByteString() };
        TxPvtReadWriteSet? privateWrites = null;
        foreach (var (collection, (hashed, privateSet)) in hashedByCollection)
        {
            var privateBytes = privateSet.ToByteString();
            nsRwset.CollectionHashedRwset.Add(new CollectionHashedReadWriteSet
            {
                CollectionName = collection,
                HashedRwset = hashed.ToByteString(),
                PvtRwsetHash = privateSet.Writes.Count > 0 ? ByteString.CopyFrom(SHA256.HashData(privateBytes.Span)) : ByteString.Empty,
            });
            if (privateSet.Writes.Count > 0)
            {
                privateWrites ??= new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
                var nsPrivate = privateWrites.NsPvtRwset.FirstOrDefault(n => n.Namespace == ns);
                if (nsPrivate is null)
                {
                    nsPrivate = new NsPvtReadWriteSet { Namespace = ns };
                    privateWrites.NsPvtRwset.Add(nsPrivate);
                }

                nsPrivate.CollectionPvtRwset.Add(new CollectionPvtReadWriteSet { CollectionName = collection, Rwset = privateBytes });
            }
        }

        var readWriteSet = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        readWriteSet.NsRwset.Add(nsRwset);
        return Task.FromResult(new ChaincodeExecutionResult(response, readWriteSet, privateWrites, chaincodeEvent));
    }

    private static byte[]? Read(KVRWSet kv, ChaincodeInvocation invocation, string ns, string key)
    {
        var current = invocation.State.GetState(ns, key);
        kv.Reads.Add(new KVRead { Key = key, Version = current is null ? null : Version(current.Version) });
        return current?.Value;
    }

    private static (HashedRWSet Hashed, KVRWSet Private) Collection(Dictionary<string, (HashedRWSet, KVRWSet)> map, string name)
    {
        if (!map.TryGetValue(name, out var entry))
        {
            entry = (new HashedRWSet(), new KVRWSet());
            map[name] = entry;
        }

        return entry;
    }

    private static Fabric.Protos.Ledger.Rwset.Kvrwset.Version Version(global::Fabric.DevNetwork.Ledger.Height height) =>
        new() { BlockNum = height.BlockNumber, TxNum = height.TxNumber };

    private static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static Response Ok(string payload) => new() { Status = 200, Payload = ByteString.CopyFromUtf8(payload) };

    private static Response Error(string message) => new() { Status = 500, Message = message };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
