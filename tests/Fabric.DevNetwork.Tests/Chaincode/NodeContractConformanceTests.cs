using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Fabric.DevNetwork.Tests.Ledger;
using FluentAssertions;
using Google.Protobuf;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>
/// The official Node fabric-contract-api / fabric-shim, run as chaincode-as-a-service, driven by our peer-side runtime
/// over protos.Chaincode/Connect: the dev network must serve it exactly as a Fabric peer would.
/// </summary>
public sealed class NodeContractConformanceTests(NodeContractFixture fixture) : IClassFixture<NodeContractFixture>
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private ulong nextBlock = 1;

    private WorldState StateFor(string mspId = "Org1MSP") => new(mspId, name => fixture.Collections.GetValueOrDefault(name));

    private async Task<ChaincodeExecutionResult> RunAsync(IWorldState state, string chaincode, string[] args,
        IReadOnlyDictionary<string, byte[]>? transient = null, string creatorMspId = "Org1MSP", bool isInit = false)
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        var invocation = ProposalFactory.Invocation(state, fixture.Collections, chaincode, args, transient, creatorMspId, isInit: isInit);
        try
        {
            return await fixture.Runtime.ExecuteAsync(invocation, timeout.Token);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"Execution failed. Chaincode output:{Environment.NewLine}{fixture.Asset.Output}{Environment.NewLine}{fixture.Other.Output}", exception);
        }
    }

    private async Task<string> SucceedAsync(IWorldState state, string chaincode, params string[] args)
    {
        var result = await RunAsync(state, chaincode, args);
        result.Response.Status.Should().Be(200, result.Response.Message);
        return result.Response.Payload.ToStringUtf8();
    }

    private void Commit(WorldState state, params ChaincodeExecutionResult[] results)
    {
        state.ApplyBlock(nextBlock++, results.Select((r, i) =>
            new CommittedTransaction((ulong)i, $"tx{nextBlock}-{i}", DateTimeOffset.UnixEpoch, r.ReadWriteSet, r.PrivateWrites)).ToList());
    }

    private async Task CommitAsync(WorldState state, string chaincode, string[] args, IReadOnlyDictionary<string, byte[]>? transient = null)
    {
        var result = await RunAsync(state, chaincode, args, transient);
        result.Response.Status.Should().Be(200, result.Response.Message);
        Commit(state, result);
    }

    private static KVRWSet PublicSet(ChaincodeExecutionResult result, string ns) =>
        KVRWSet.Parser.ParseFrom(result.ReadWriteSet.NsRwset.Single(n => n.Namespace == ns).Rwset);

    [Fact]
    public async Task ExecuteAsync_PutThenGet_ReadsCommittedStateOnly()
    {
        var state = StateFor();

        var put = await RunAsync(state, "asset", ["Put", "color", "blue"]);

        put.Response.Status.Should().Be(200);
        var write = PublicSet(put, "asset").Writes.Single();
        write.Key.Should().Be("color");
        write.Value.ToStringUtf8().Should().Be("blue");
        (await SucceedAsync(state, "asset", "Get", "color")).Should().Be("<missing>", "nothing is committed yet");

        Commit(state, put);
        var get = await RunAsync(state, "asset", ["Get", "color"]);

        get.Response.Payload.ToStringUtf8().Should().Be("blue");
        PublicSet(get, "asset").Reads.Single().Version.Should().Be(new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = 1, TxNum = 0 });
    }

    [Fact]
    public async Task ExecuteAsync_RangeOverMoreThanOneBatch_ReturnsAllInOrderAndRecordsPhantomInfo()
    {
        var state = StateFor();
        await CommitAsync(state, "asset", ["PutMany", "item", "150"]);

        var result = await RunAsync(state, "asset", ["Range", "item", "item9"]);

        result.Response.Status.Should().Be(200, result.Response.Message);
        var entries = JsonDocument.Parse(result.Response.Payload.ToStringUtf8()).RootElement.EnumerateArray().Select(e => e.GetProperty("key").GetString()).ToList();
        entries.Should().HaveCount(150).And.BeInAscendingOrder(StringComparer.Ordinal);
        var info = PublicSet(result, "asset").RangeQueriesInfo.Single();
        info.StartKey.Should().Be("item");
        info.ItrExhausted.Should().BeTrue();
        info.ReadsInfoCase.Should().Be(RangeQueryInfo.ReadsInfoOneofCase.ReadsMerkleHashes, "Fabric summarizes more than 50 range reads");
    }

    [Fact]
    public async Task ExecuteAsync_RangeWithPagination_ReturnsPagesAndBookmarks()
    {
        var state = StateFor();
        await CommitAsync(state, "asset", ["PutMany", "page", "25"]);

        var first = JsonDocument.Parse(await SucceedAsync(state, "asset", "RangePage", "page", "pagf", "10", "")).RootElement;
        var bookmark = first.GetProperty("bookmark").GetString()!;
        var second = JsonDocument.Parse(await SucceedAsync(state, "asset", "RangePage", "page", "pagf", "10", bookmark)).RootElement;
        var last = JsonDocument.Parse(await SucceedAsync(state, "asset", "RangePage", "page", "pagf", "10", second.GetProperty("bookmark").GetString()!)).RootElement;

        first.GetProperty("fetched").GetInt32().Should().Be(10);
        bookmark.Should().Be("page0010");
        second.GetProperty("results")[0].GetProperty("key").GetString().Should().Be("page0010");
        last.GetProperty("results").GetArrayLength().Should().Be(5);
        last.GetProperty("bookmark").GetString().Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_PartialCompositeKey_ReturnsOnlyThatOwner()
    {
        var state = StateFor();
        await CommitAsync(state, "asset", ["PutOwned", "alice", "1", "car"]);
        await CommitAsync(state, "asset", ["PutOwned", "bob", "2", "bike"]);
        await CommitAsync(state, "asset", ["PutOwned", "alice", "3", "boat"]);

        var ids = JsonSerializer.Deserialize<string[]>(await SucceedAsync(state, "asset", "ByOwner", "alice"));

        ids.Should().Equal("1=car", "3=boat");
    }

    [Fact]
    public async Task ExecuteAsync_PrivateData_CleartextOnlyInPrivateSetAndReadableAfterCommit()
    {
        var state = StateFor();
        var put = await RunAsync(state, "asset", ["PutPrivate", "shared", "salary"], ProposalFactory.Transient("value", "12345"));

        put.Response.Status.Should().Be(200, put.Response.Message);
        put.PrivateWrites.Should().NotBeNull();
        put.ReadWriteSet.ToByteArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes("12345")).Should().Be(-1, "the public read-write set carries hashes only");
        var hashed = HashedRWSet.Parser.ParseFrom(put.ReadWriteSet.NsRwset.Single().CollectionHashedRwset.Single().HashedRwset);
        hashed.HashedWrites.Single().ValueHash.ToByteArray().Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes("12345")));
        Commit(state, put);

        (await SucceedAsync(state, "asset", "GetPrivate", "shared", "salary")).Should().Be("12345");
        (await SucceedAsync(state, "asset", "GetPrivateHash", "shared", "salary")).Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("12345"))));
        var range = JsonDocument.Parse(await SucceedAsync(state, "asset", "PrivateRange", "shared", "", "")).RootElement;
        range.GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task ExecuteAsync_PrivateDataOnNonMemberPeer_HashOnlyAndReadFails()
    {
        var member = StateFor("Org1MSP");
        var nonMember = StateFor("Org3MSP");
        var put = await RunAsync(member, "asset", ["PutPrivate", "shared", "k"], ProposalFactory.Transient("value", "v"));
        nonMember.ApplyBlock(1, [new CommittedTransaction(0, "tx", DateTimeOffset.UnixEpoch, put.ReadWriteSet, put.PrivateWrites)]);

        var read = await RunAsync(nonMember, "asset", ["GetPrivate", "shared", "k"]);

        read.Response.Status.Should().Be(500);
        read.Response.Message.Should().Contain("private data matching public hash version is not available");
        (await SucceedAsync(nonMember, "asset", "GetPrivateHash", "shared", "k")).Should().Be(Convert.ToHexStringLower(SHA256.HashData("v"u8)));
    }

    [Fact]
    public async Task ExecuteAsync_MemberOnlyWriteByNonMemberCreator_FailsWithFabricMessage()
    {
        var state = StateFor();

        var result = await RunAsync(state, "asset", ["PutPrivate", "org2only", "k"], ProposalFactory.Transient("value", "v"), creatorMspId: "Org1MSP");

        result.Response.Status.Should().Be(500);
        result.Response.Message.Should().Contain("PUT_STATE failed: transaction ID: ")
            .And.Contain("tx creator does not have write access permission on privatedata in chaincodeName:asset collectionName: org2only");
    }

    [Fact]
    public async Task ExecuteAsync_UnknownCollection_FailsWithFabricMessage()
    {
        var result = await RunAsync(StateFor(), "asset", ["GetPrivate", "nope", "k"]);

        result.Response.Status.Should().Be(500);
        result.Response.Message.Should().Contain("collection mychannel/asset/nope could not be found");
    }

    [Fact]
    public async Task ExecuteAsync_PurgePrivateData_RemovesValueAndHash()
    {
        var state = StateFor();
        await CommitAsync(state, "asset", ["PutPrivate", "_implicit_org_Org1MSP", "k"], ProposalFactory.Transient("value", "v"));

        var purge = await RunAsync(state, "asset", ["PurgePrivate", "_implicit_org_Org1MSP", "k"]);
        purge.Response.Status.Should().Be(200, purge.Response.Message);
        HashedRWSet.Parser.ParseFrom(purge.ReadWriteSet.NsRwset.Single().CollectionHashedRwset.Single().HashedRwset).HashedWrites.Single().IsPurge.Should().BeTrue();
        Commit(state, purge);

        (await SucceedAsync(state, "asset", "GetPrivate", "_implicit_org_Org1MSP", "k")).Should().Be("<missing>");
        (await SucceedAsync(state, "asset", "GetPrivateHash", "_implicit_org_Org1MSP", "k")).Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_SetEvent_ReturnsEventNamedForChaincodeAndTransaction()
    {
        var state = StateFor();
        var invocation = ProposalFactory.Invocation(state, fixture.Collections, "asset", ["Emit", "Created", "payload-1"]);
        using var timeout = new CancellationTokenSource(CallTimeout);

        var result = await fixture.Runtime.ExecuteAsync(invocation, timeout.Token);

        result.Event.Should().NotBeNull();
        result.Event!.EventName.Should().Be("Created");
        result.Event.Payload.ToStringUtf8().Should().Be("payload-1");
        result.Event.ChaincodeId.Should().Be("asset");
        result.Event.TxId.Should().Be(invocation.TxId);
    }

    [Fact]
    public async Task ExecuteAsync_ChaincodeToChaincode_SharesSimulationAcrossNamespaces()
    {
        var state = StateFor();
        await CommitAsync(state, "other", ["Put", "shared-key", "from-other"]);

        var read = JsonDocument.Parse(await SucceedAsync(state, "asset", "Call", "other", "Get", "shared-key")).RootElement;
        var write = await RunAsync(state, "asset", ["CallAndPut", "other", "both", "v"]);

        read.GetProperty("status").GetInt32().Should().Be(200);
        read.GetProperty("payload").GetString().Should().Be("from-other");
        write.Response.Status.Should().Be(200, write.Response.Message);
        write.ReadWriteSet.NsRwset.Select(n => n.Namespace).Should().Equal("asset", "other");
        PublicSet(write, "asset").Writes.Single().Value.ToStringUtf8().Should().Be("v");
        PublicSet(write, "other").Writes.Single().Value.ToStringUtf8().Should().Be("v-callee");
    }

    [Fact]
    public async Task ExecuteAsync_ChaincodeToChaincodeOnOtherChannel_ReadsThereButWritesNothing()
    {
        fixture.OtherChannelState.ApplyBlock(1, [new CommittedTransaction(0, "seed", DateTimeOffset.UnixEpoch,
            new TransactionBuilder().Put("asset", "remote", "from-other-channel").Build(0).ReadWriteSet, null)]);
        var state = StateFor();

        var read = JsonDocument.Parse(await SucceedAsync(state, "asset", "CallOnChannel", "asset", NodeContractFixture.OtherChannel, "Get", "[\"remote\"]")).RootElement;
        var write = await RunAsync(state, "asset", ["CallOnChannel", "asset", NodeContractFixture.OtherChannel, "Put", "[\"x\",\"y\"]"]);
        var unknown = await RunAsync(state, "asset", ["CallOnChannel", "asset", "nochannel", "Get", "[\"x\"]"]);

        read.GetProperty("payload").GetString().Should().Be("from-other-channel");
        write.Response.Status.Should().Be(200, write.Response.Message);
        write.ReadWriteSet.NsRwset.Should().BeEmpty("a call to another channel never contributes to this transaction");
        unknown.Response.Status.Should().Be(500);
        unknown.Response.Message.Should().Contain("failed to find ledger for channel: nochannel");
    }

    [Fact]
    public async Task ExecuteAsync_ContractThrows_Returns500WithMessage()
    {
        var result = await RunAsync(StateFor(), "asset", ["Fail", "insufficient funds"]);

        result.Response.Status.Should().Be(500);
        result.Response.Message.Should().Contain("insufficient funds");
    }

    [Fact]
    public async Task ExecuteAsync_Identity_ChaincodeSeesPeerAndCreatorMspIds()
    {
        var identity = JsonDocument.Parse(await SucceedAsync(StateFor(), "asset", "Identity")).RootElement;

        identity.GetProperty("peer").GetString().Should().Be("Org1MSP");
        identity.GetProperty("creator").GetString().Should().Be("Org1MSP");
        identity.GetProperty("channel").GetString().Should().Be(NodeContractFixture.Channel);
    }

    [Fact]
    public async Task ExecuteAsync_RichQuery_FailsAsOnLevelDb()
    {
        var result = await RunAsync(StateFor(), "asset", ["RichQuery", "{\"selector\":{}}"]);

        result.Response.Status.Should().Be(500);
        result.Response.Message.Should().Contain("ExecuteQuery not supported for leveldb");
    }

    [Fact]
    public async Task ExecuteAsync_History_ListsCommittedWritesNewestFirst()
    {
        var state = StateFor();
        await CommitAsync(state, "asset", ["Put", "h", "1"]);
        await CommitAsync(state, "asset", ["Put", "h", "2"]);
        await CommitAsync(state, "asset", ["Delete", "h"]);

        var history = JsonDocument.Parse(await SucceedAsync(state, "asset", "History", "h")).RootElement.EnumerateArray().ToList();

        history.Should().HaveCount(3);
        history[0].GetProperty("isDelete").GetBoolean().Should().BeTrue();
        history[1].GetProperty("value").GetString().Should().Be("2");
        history[2].GetProperty("value").GetString().Should().Be("1");
    }

    [Fact]
    public async Task ExecuteAsync_ConcurrentTransactionsOnOneStream_AreKeptApart()
    {
        var state = StateFor();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => RunAsync(state, "asset", ["Put", $"c{i}", $"v{i}"])));

        for (var i = 0; i < results.Length; i++)
        {
            results[i].Response.Status.Should().Be(200);
            var write = PublicSet(results[i], "asset").Writes.Single();
            write.Key.Should().Be($"c{i}");
            write.Value.ToStringUtf8().Should().Be($"v{i}");
        }
    }

    [Fact]
    public async Task ExecuteAsync_InitRequired_EnforcesInitExactlyOncePerVersion()
    {
        var state = StateFor();

        var beforeInit = await RunAsync(state, "initcc", ["Put", "k", "v"]);
        var init = await RunAsync(state, "initcc", ["Put", "k", "init"], isInit: true);

        beforeInit.Response.Status.Should().Be(500);
        beforeInit.Response.Message.Should().EndWith("invalid invocation: chaincode 'initcc' has not been initialized for this version, must call as init first");
        init.Response.Status.Should().Be(200, init.Response.Message);
        var writes = PublicSet(init, "initcc").Writes;
        writes.Select(w => w.Key).Should().Equal("\u0000\U0010FFFFinitialized", "k");
        writes[0].Value.ToStringUtf8().Should().Be("2.0");
        Commit(state, init);

        (await SucceedAsync(state, "initcc", "Get", "k")).Should().Be("init");
        var again = await RunAsync(state, "initcc", ["Put", "k", "again"], isInit: true);
        again.Response.Message.Should().EndWith("invalid invocation: chaincode 'initcc' is already initialized but called as init");
    }

    [Fact]
    public async Task ExecuteAsync_InitOnChaincodeWithoutInitRequired_IsRefused()
    {
        var result = await RunAsync(StateFor(), "asset", ["Put", "k", "v"], isInit: true);

        result.Response.Status.Should().Be(500);
        result.Response.Message.Should().EndWith("invalid invocation: chaincode 'asset' does not require initialization but called as init");
    }

    [Fact]
    public async Task ExecuteAsync_ChaincodeRegistersWithOtherPackageId_IsUnavailable()
    {
        var act = () => RunAsync(StateFor(), "impostor", ["Get", "k"]);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithInnerException<ChaincodeUnavailableException>()
            .WithMessage("*registered as 'asset_1.0:*' but the peer expects package 'impostor_1.0:3333'");
    }

    [Fact]
    public async Task ExecuteAsync_UndefinedChaincode_IsUnavailable()
    {
        var act = () => RunAsync(StateFor(), "missing", ["Get", "k"]);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithInnerException<ChaincodeUnavailableException>();
    }
}
