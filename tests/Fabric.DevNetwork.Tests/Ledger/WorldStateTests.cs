using System.Text;
using Fabric.DevNetwork.Ledger;
using FluentAssertions;
using static Fabric.DevNetwork.Tests.Ledger.CollectionConfigFactory;

namespace Fabric.DevNetwork.Tests.Ledger;

public sealed class WorldStateTests
{
    private const string Cc = "asset";

    private static readonly Fabric.Protos.Peer.CollectionConfigPackage Collections = Package(
        Collection("shared", 0, false, false, "Org1MSP", "Org2MSP"),
        Collection("org2only", 0, false, false, "Org2MSP"),
        Collection("shortLived", 2, false, false, "Org1MSP"));

    private static WorldState NewState(string mspId = "Org1MSP") =>
        new(mspId, ns => ns == Cc ? Collections : null);

    private static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    [Fact]
    public void ApplyBlock_PublicWrites_VisibleWithTheirHeight()
    {
        var state = NewState();
        state.ApplyBlock(1, [new TransactionBuilder().Put(Cc, "a", "1").Build(0), new TransactionBuilder().Put(Cc, "b", "2").Build(3)]);

        state.LastBlockNumber.Should().Be(1);
        Text(state.GetState(Cc, "a")!.Value).Should().Be("1");
        state.GetState(Cc, "a")!.Version.Should().Be(new Height(1, 0));
        state.GetState(Cc, "b")!.Version.Should().Be(new Height(1, 3));
        state.GetState("other", "a").Should().BeNull();
    }

    [Fact]
    public void ApplyBlock_LaterTransactionInBlock_Wins()
    {
        var state = NewState();
        state.ApplyBlock(1, [new TransactionBuilder().Put(Cc, "a", "1").Build(0), new TransactionBuilder().Put(Cc, "a", "2").Build(1)]);

        Text(state.GetState(Cc, "a")!.Value).Should().Be("2");
        state.GetState(Cc, "a")!.Version.Should().Be(new Height(1, 1));
    }

    [Fact]
    public void ApplyBlock_BlockNotAfterLast_Throws()
    {
        var state = NewState();
        state.ApplyBlock(2, []);

        var act = () => state.ApplyBlock(2, []);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void GetStateRange_KeysOutsideBasicPlane_OrderedByUtf8Bytes()
    {
        var state = NewState();
        // U+E000 sorts before U+10000 in UTF-8 but after it in UTF-16 ordinal order.
        state.ApplyBlock(1, [new TransactionBuilder()
            .Put(Cc, "k\uE000", "bmp-private-use")
            .Put(Cc, "k\U00010000", "supplementary")
            .Put(Cc, "k", "plain")
            .Put(Cc, "l", "after")
            .Build(0)]);

        var keys = state.GetStateRange(Cc, "k", "l").Select(e => e.Key).ToList();

        keys.Should().Equal("k", "k\uE000", "k\U00010000");
    }

    [Fact]
    public void GetStateRange_PartialCompositeKeyRange_IncludesKeysWithHighBmpCharacters()
    {
        var state = NewState();
        var prefix = "\u0000owner\u0000";
        state.ApplyBlock(1, [new TransactionBuilder().Put(Cc, prefix + "\uFFEE\u0000", "x").Put(Cc, prefix + "alice\u0000", "y").Build(0)]);

        var results = state.GetStateRange(Cc, prefix, prefix + "\U0010FFFF").ToList();

        results.Should().HaveCount(2);
    }

    [Fact]
    public void GetStateRange_EmptyEndKey_IsUnbounded()
    {
        var state = NewState();
        state.ApplyBlock(1, [new TransactionBuilder().Put(Cc, "a", "1").Put(Cc, "b", "2").Put(Cc, "c", "3").Build(0)]);

        state.GetStateRange(Cc, "b", string.Empty).Select(e => e.Key).Should().Equal("b", "c");
    }

    [Fact]
    public void ApplyBlock_DeleteAndEmptyValue_RemoveKeyAndRecordHistoryNewestFirst()
    {
        var state = NewState();
        state.ApplyBlock(1, [new TransactionBuilder().Put(Cc, "a", "1").Put(Cc, "b", "1").Build(0, "tx1")]);
        state.ApplyBlock(2, [new TransactionBuilder().Put(Cc, "a", "2").Build(0, "tx2")]);
        state.ApplyBlock(3, [new TransactionBuilder().Delete(Cc, "a").Put(Cc, "b", string.Empty).Build(0, "tx3")]);

        state.GetState(Cc, "a").Should().BeNull();
        state.GetState(Cc, "b").Should().BeNull("an empty value is a delete in Fabric");
        var history = state.GetHistory(Cc, "a");
        history.Select(h => h.TxId).Should().Equal("tx3", "tx2", "tx1");
        history[0].IsDelete.Should().BeTrue();
        Text(history[1].Value).Should().Be("2");
    }

    [Fact]
    public void ApplyBlock_MetadataWrites_FollowFabricMergeRules()
    {
        var state = NewState();
        state.ApplyBlock(1, [new TransactionBuilder().Put(Cc, "a", "1").PutMetadata(Cc, "a", "VALIDATION_PARAMETER", "p1").PutMetadata(Cc, "missing", "m", "v").Build(0)]);
        state.ApplyBlock(2, [new TransactionBuilder().Put(Cc, "a", "2").Build(0)]);

        var value = state.GetState(Cc, "a")!;
        Text(value.Value).Should().Be("2");
        Text(value.Metadata["VALIDATION_PARAMETER"]).Should().Be("p1", "a value write keeps the existing metadata");
        state.GetState(Cc, "missing").Should().BeNull("a metadata write to a missing key is dropped");

        state.ApplyBlock(3, [new TransactionBuilder().PutMetadata(Cc, "a", "VALIDATION_PARAMETER", "p2").Build(4)]);
        value = state.GetState(Cc, "a")!;
        Text(value.Value).Should().Be("2");
        Text(value.Metadata["VALIDATION_PARAMETER"]).Should().Be("p2");
        value.Version.Should().Be(new Height(3, 4));
    }

    [Fact]
    public void ApplyBlock_PrivateWrites_CleartextOnMembersHashesEverywhere()
    {
        var member = NewState("Org1MSP");
        var nonMember = NewState("Org3MSP");
        var block = new[] { new TransactionBuilder().PutPrivate(Cc, "shared", "k", "secret").PutPrivate(Cc, "org2only", "k", "other").Build(0) };

        member.ApplyBlock(1, block);
        nonMember.ApplyBlock(1, block);

        Text(member.GetPrivateData(Cc, "shared", "k")!.Value).Should().Be("secret");
        member.GetPrivateData(Cc, "org2only", "k").Should().BeNull();
        nonMember.GetPrivateData(Cc, "shared", "k").Should().BeNull();
        var keyHash = TransactionBuilder.Sha("k").ToByteArray();
        foreach (var state in new[] { member, nonMember })
        {
            var hash = state.GetPrivateDataHash(Cc, "shared", keyHash)!;
            hash.ValueHash.Should().Equal(TransactionBuilder.Sha("secret").ToByteArray());
            hash.Version.Should().Be(new Height(1, 0));
            state.GetPrivateDataHash(Cc, "org2only", keyHash).Should().NotBeNull();
        }
    }

    [Fact]
    public void ApplyBlock_PrivateWritesNotMatchingHash_AreNotStored()
    {
        var state = NewState();
        state.ApplyBlock(1, [new TransactionBuilder().PutPrivate(Cc, "shared", "k", "secret").Build(0, corruptPrivateHash: true)]);

        state.GetPrivateData(Cc, "shared", "k").Should().BeNull();
        state.GetPrivateDataHash(Cc, "shared", TransactionBuilder.Sha("k").ToByteArray()).Should().NotBeNull();
    }

    [Fact]
    public void ApplyBlock_ImplicitCollectionOfOwnOrg_StoresCleartext()
    {
        var state = NewState("Org1MSP");
        state.ApplyBlock(1, [new TransactionBuilder().PutPrivate(Cc, "_implicit_org_Org1MSP", "k", "mine").PutPrivate(Cc, "_implicit_org_Org2MSP", "k", "theirs").Build(0)]);

        Text(state.GetPrivateData(Cc, "_implicit_org_Org1MSP", "k")!.Value).Should().Be("mine");
        state.GetPrivateData(Cc, "_implicit_org_Org2MSP", "k").Should().BeNull();
    }

    [Fact]
    public void GetPrivateDataRange_ReturnsMemberCleartextInOrder()
    {
        var state = NewState();
        state.ApplyBlock(1, [new TransactionBuilder().PutPrivate(Cc, "shared", "b", "2").PutPrivate(Cc, "shared", "a", "1").PutPrivate(Cc, "shared", "c", "3").Build(0)]);

        state.GetPrivateDataRange(Cc, "shared", "a", "c").Select(e => e.Key).Should().Equal("a", "b");
    }

    [Fact]
    public void ApplyBlock_BlockToLivePassed_PurgesCleartextAndHashAtCommittedPlusBtlPlusOne()
    {
        var state = NewState();
        var keyHash = TransactionBuilder.Sha("k").ToByteArray();
        state.ApplyBlock(1, [new TransactionBuilder().PutPrivate(Cc, "shortLived", "k", "v").Build(0)]);
        state.ApplyBlock(2, []);
        state.ApplyBlock(3, []);

        state.GetPrivateData(Cc, "shortLived", "k").Should().NotBeNull("blockToLive 2 keeps data committed in block 1 through block 3");
        state.GetPrivateDataHash(Cc, "shortLived", keyHash).Should().NotBeNull();

        state.ApplyBlock(4, []);

        state.GetPrivateData(Cc, "shortLived", "k").Should().BeNull();
        state.GetPrivateDataHash(Cc, "shortLived", keyHash).Should().BeNull();
    }

    [Fact]
    public void ApplyBlock_KeyRewrittenBeforeExpiry_KeepsNewValueUntilItsOwnExpiry()
    {
        var state = NewState();
        state.ApplyBlock(1, [new TransactionBuilder().PutPrivate(Cc, "shortLived", "k", "v1").Build(0)]);
        state.ApplyBlock(2, [new TransactionBuilder().PutPrivate(Cc, "shortLived", "k", "v2").Build(0)]);
        state.ApplyBlock(3, []);
        state.ApplyBlock(4, []);

        Text(state.GetPrivateData(Cc, "shortLived", "k")!.Value).Should().Be("v2");

        state.ApplyBlock(5, []);

        state.GetPrivateData(Cc, "shortLived", "k").Should().BeNull();
    }

    [Fact]
    public void ApplyBlock_PurgePrivateData_RemovesCleartextAndHashEvenWithoutCleartext()
    {
        var state = NewState();
        var keyHash = TransactionBuilder.Sha("k").ToByteArray();
        state.ApplyBlock(1, [new TransactionBuilder().PutPrivate(Cc, "shared", "k", "v").PutPrivate(Cc, "shared", "j", "w").Build(0)]);

        state.ApplyBlock(2, [new TransactionBuilder().PurgePrivate(Cc, "shared", "k", withCleartext: false).Build(0, withPrivate: false)]);

        state.GetPrivateData(Cc, "shared", "k").Should().BeNull();
        state.GetPrivateDataHash(Cc, "shared", keyHash).Should().BeNull();
        state.GetPrivateData(Cc, "shared", "j").Should().NotBeNull();
    }

    [Fact]
    public void GetSnapshot_LaterBlocks_DoNotChangeIt()
    {
        var state = NewState();
        state.ApplyBlock(1, [new TransactionBuilder().Put(Cc, "a", "1").Build(0)]);
        var snapshot = state.GetSnapshot();

        state.ApplyBlock(2, [new TransactionBuilder().Put(Cc, "a", "2").Put(Cc, "b", "2").Build(0)]);

        Text(snapshot.GetState(Cc, "a")!.Value).Should().Be("1");
        snapshot.GetStateRange(Cc, string.Empty, string.Empty).Should().HaveCount(1);
        snapshot.LastBlockNumber.Should().Be(1);
        Text(state.GetState(Cc, "a")!.Value).Should().Be("2");
        var act = () => snapshot.ApplyBlock(3, []);
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task ApplyBlock_ConcurrentReaders_NeverSeeHalfAppliedBlock()
    {
        var state = NewState();
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(() =>
        {
            var checks = 0;
            started.SetResult();
            while (!stop.IsCancellationRequested)
            {
                // Each block writes both keys with the same value; a torn read would show them differently.
                var snapshot = state.GetSnapshot();
                var a = snapshot.GetState(Cc, "a");
                var b = snapshot.GetState(Cc, "b");
                if (a is not null && Text(a.Value) != Text(b?.Value))
                {
                    throw new InvalidOperationException("torn read");
                }

                checks++;
            }

            return checks;
        });

        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (ulong block = 1; block <= 300; block++)
        {
            state.ApplyBlock(block, [new TransactionBuilder().Put(Cc, "a", $"{block}").Put(Cc, "b", $"{block}").Build(0)]);
        }

        await stop.CancelAsync();
        (await reader.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeGreaterThan(0);
    }
}
