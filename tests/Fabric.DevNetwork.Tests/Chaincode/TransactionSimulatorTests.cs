using System.Security.Cryptography;
using System.Text;
using Fabric.DevNetwork.Chaincode.Internal;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Tests.Ledger;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using FluentAssertions;
using Google.Protobuf;
using static Fabric.DevNetwork.Tests.Ledger.CollectionConfigFactory;

namespace Fabric.DevNetwork.Tests.Chaincode;

public sealed class TransactionSimulatorTests
{
    private const string Cc = "asset";

    private static WorldState StateWith(params CommittedTransaction[] block)
    {
        var state = new WorldState("Org1MSP", _ => Package(Collection("shared", 0, false, false, "Org1MSP", "Org2MSP")));
        state.ApplyBlock(1, block);
        return state;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static KVRWSet PublicSet(TxReadWriteSet rwset, string ns) =>
        KVRWSet.Parser.ParseFrom(rwset.NsRwset.Single(n => n.Namespace == ns).Rwset);

    [Fact]
    public void GetState_AfterPutStateInSameTransaction_ReturnsCommittedValue()
    {
        var simulator = new TransactionSimulator(StateWith(new TransactionBuilder().Put(Cc, "a", "old").Build(2)).GetSnapshot(), "tx");

        simulator.SetState(Cc, "a", Bytes("new"));
        var value = simulator.GetState(Cc, "a");

        Encoding.UTF8.GetString(value!).Should().Be("old", "Fabric does not support reading your own writes");
    }

    [Fact]
    public void TakeResults_ReadsAndWrites_SortedOncePerKeyWithVersions()
    {
        var simulator = new TransactionSimulator(StateWith(new TransactionBuilder().Put(Cc, "b", "1").Build(2)).GetSnapshot(), "tx");
        simulator.GetState(Cc, "b");
        simulator.GetState(Cc, "missing");
        simulator.GetState(Cc, "b");
        simulator.SetState(Cc, "z", Bytes("1"));
        simulator.SetState(Cc, "c", Bytes("1"));
        simulator.SetState(Cc, "z", Bytes("2"));
        simulator.DeleteState(Cc, "d");
        simulator.GetState("another", "x");

        var (publicSet, privateSet) = simulator.TakeResults();

        privateSet.Should().BeNull();
        publicSet.NsRwset.Select(n => n.Namespace).Should().Equal("another", Cc);
        var kv = PublicSet(publicSet, Cc);
        kv.Reads.Select(r => r.Key).Should().Equal("b", "missing");
        kv.Reads[0].Version.Should().Be(new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = 1, TxNum = 2 });
        kv.Reads[1].Version.Should().BeNull("a missing key is read with no version");
        kv.Writes.Select(w => w.Key).Should().Equal("c", "d", "z");
        kv.Writes[2].Value.ToStringUtf8().Should().Be("2");
        kv.Writes[1].IsDelete.Should().BeTrue();
    }

    [Fact]
    public void TakeResults_SameSimulationTwice_ProducesIdenticalBytes()
    {
        var state = StateWith(new TransactionBuilder().Put(Cc, "a", "1").Put(Cc, "b", "2").Build(0));
        byte[] Run()
        {
            var simulator = new TransactionSimulator(state.GetSnapshot(), "tx");
            simulator.SetState(Cc, "y", Bytes("1"));
            simulator.SetPrivateData(Cc, "shared", "p", Bytes("secret"));
            var iterator = simulator.GetStateRange(Cc, "a", "c", 0, paginated: false);
            while (iterator.Next() is not null)
            {
            }

            simulator.SetState(Cc, "x", Bytes("1"));
            return simulator.TakeResults().Public.ToByteArray();
        }

        Run().Should().Equal(Run());
    }

    [Fact]
    public void GetStateRange_ExhaustedAndPartial_RecordFabricRangeQueryInfo()
    {
        var state = StateWith(new TransactionBuilder().Put(Cc, "a", "1").Put(Cc, "b", "2").Put(Cc, "c", "3").Build(0));
        var simulator = new TransactionSimulator(state.GetSnapshot(), "tx");

        var full = simulator.GetStateRange(Cc, "a", "z", 0, paginated: false);
        while (full.Next() is not null)
        {
        }

        var partial = simulator.GetStateRange(Cc, "b", "z", 0, paginated: false);
        partial.Next();
        var infos = PublicSet(simulator.TakeResults().Public, Cc).RangeQueriesInfo;

        infos.Should().HaveCount(2);
        infos[0].ItrExhausted.Should().BeTrue();
        infos[0].EndKey.Should().Be("z");
        infos[0].RawReads.KvReads.Select(r => r.Key).Should().Equal("a", "b", "c");
        infos[1].ItrExhausted.Should().BeFalse();
        infos[1].EndKey.Should().Be("b", "a partial scan ends at the last key it returned");
    }

    [Fact]
    public void GetStateRange_MoreThanFiftyResults_RecordsMerkleSummary()
    {
        var builder = new TransactionBuilder();
        for (var i = 0; i < 120; i++)
        {
            builder.Put(Cc, $"k{i:D3}", "v");
        }

        var simulator = new TransactionSimulator(StateWith(builder.Build(0)).GetSnapshot(), "tx");
        var iterator = simulator.GetStateRange(Cc, string.Empty, string.Empty, 0, paginated: false);
        while (iterator.Next() is not null)
        {
        }

        var info = PublicSet(simulator.TakeResults().Public, Cc).RangeQueriesInfo.Single();

        info.ReadsInfoCase.Should().Be(RangeQueryInfo.ReadsInfoOneofCase.ReadsMerkleHashes);
        info.ReadsMerkleHashes.MaxDegree.Should().Be(50);
        info.ReadsMerkleHashes.MaxLevel.Should().Be(1);
        // 120 results: two full groups of 51 hashed as leaves, then the remaining 18 at the end.
        info.ReadsMerkleHashes.MaxLevelHashes.Should().HaveCount(3);
    }

    [Fact]
    public void GetStateRange_Paginated_StopsAtPageAndGivesBookmark()
    {
        var state = StateWith(new TransactionBuilder().Put(Cc, "a", "1").Put(Cc, "b", "2").Put(Cc, "c", "3").Build(0));
        var simulator = new TransactionSimulator(state.GetSnapshot(), "tx");

        var iterator = simulator.GetStateRange(Cc, "a", string.Empty, 2, paginated: true);
        var count = 0;
        while (iterator.Next() is not null)
        {
            count++;
        }

        count.Should().Be(2);
        iterator.TakeBookmarkAndClose().Should().Be("c");
        var act = () => simulator.SetState(Cc, "x", Bytes("1"));
        act.Should().Throw<SimulationException>().WithMessage("*Transaction has already performed a paginated query. Writes are not allowed");
    }

    [Fact]
    public void SetPrivateData_RecordsCleartextAndHashesWithPrivateSetHash()
    {
        var simulator = new TransactionSimulator(StateWith().GetSnapshot(), "tx");

        simulator.SetPrivateData(Cc, "shared", "k", Bytes("secret"));
        simulator.PurgePrivateData(Cc, "shared", "gone");
        var (publicSet, privateSet) = simulator.TakeResults();

        var collection = privateSet!.NsPvtRwset.Single().CollectionPvtRwset.Single();
        collection.CollectionName.Should().Be("shared");
        var cleartext = KVRWSet.Parser.ParseFrom(collection.Rwset);
        cleartext.Writes.Select(w => w.Key).Should().Equal("gone", "k");
        var hashedSet = publicSet.NsRwset.Single().CollectionHashedRwset.Single();
        hashedSet.PvtRwsetHash.ToByteArray().Should().Equal(SHA256.HashData(collection.Rwset.ToByteArray()));
        var hashed = HashedRWSet.Parser.ParseFrom(hashedSet.HashedRwset);
        var write = hashed.HashedWrites.Single(w => w.KeyHash == TransactionBuilder.Sha("k"));
        write.ValueHash.Should().Equal(TransactionBuilder.Sha("secret"));
        var purge = hashed.HashedWrites.Single(w => w.KeyHash == TransactionBuilder.Sha("gone"));
        purge.IsPurge.Should().BeTrue();
        purge.IsDelete.Should().BeTrue();
        PublicSet(publicSet, Cc).Writes.Should().BeEmpty("private values never reach the public set");
    }

    [Fact]
    public void GetPrivateData_NonMemberWithHashOnly_FailsWithFabricMessage()
    {
        var block = new TransactionBuilder().PutPrivate(Cc, "shared", "k", "secret").Build(0);
        var nonMember = new WorldState("Org3MSP", _ => Package(Collection("shared", 0, false, false, "Org1MSP", "Org2MSP")));
        nonMember.ApplyBlock(1, [block]);
        var simulator = new TransactionSimulator(nonMember.GetSnapshot(), "tx");

        var act = () => simulator.GetPrivateData(Cc, "shared", "k");

        act.Should().Throw<SimulationException>().WithMessage(
            "private data matching public hash version is not available. Public hash version = {BlockNum: 1, TxNum: 0}, Private data version = <nil>");
        simulator.GetPrivateDataHash(Cc, "shared", "k").Should().Equal(TransactionBuilder.Sha("secret").ToByteArray());
    }

    [Fact]
    public void GetPrivateData_Member_RecordsHashedRead()
    {
        var state = StateWith(new TransactionBuilder().PutPrivate(Cc, "shared", "k", "secret").Build(4));
        var simulator = new TransactionSimulator(state.GetSnapshot(), "tx");

        Encoding.UTF8.GetString(simulator.GetPrivateData(Cc, "shared", "k")!).Should().Be("secret");
        var (publicSet, privateSet) = simulator.TakeResults();

        privateSet.Should().BeNull();
        var hashed = HashedRWSet.Parser.ParseFrom(publicSet.NsRwset.Single().CollectionHashedRwset.Single().HashedRwset);
        hashed.HashedReads.Single().Version.Should().Be(new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = 1, TxNum = 4 });
    }

    [Fact]
    public void GetPrivateDataRange_AfterWrite_IsRefused()
    {
        var simulator = new TransactionSimulator(StateWith().GetSnapshot(), "tx");
        simulator.SetState(Cc, "a", Bytes("1"));

        var act = () => simulator.GetPrivateDataRange(Cc, "shared", string.Empty, string.Empty);

        act.Should().Throw<SimulationException>().WithMessage("txid [tx]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction");
    }

    [Fact]
    public void SetStateMetadata_RecordsSortedEntries()
    {
        var simulator = new TransactionSimulator(StateWith().GetSnapshot(), "tx");

        simulator.SetStateMetadata(Cc, "a", new Dictionary<string, byte[]> { ["z"] = Bytes("1"), ["VALIDATION_PARAMETER"] = Bytes("p") });

        var write = PublicSet(simulator.TakeResults().Public, Cc).MetadataWrites.Single();
        write.Entries.Select(e => e.Name).Should().Equal("VALIDATION_PARAMETER", "z");
        write.Entries[0].Value.Should().Equal(ByteString.CopyFromUtf8("p"));
    }
}
