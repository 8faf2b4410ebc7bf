using Fabric.DevNetwork.Storage;
using Fabric.Protos.Common;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using FluentAssertions;
using Google.Protobuf;

namespace Fabric.DevNetwork.Tests.Storage;

public sealed class BlockStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "devnet-store-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void HeaderBytes_SmallHeader_IsDerSequenceOfIntegerAndTwoOctetStrings()
    {
        var header = new BlockHeader { Number = 1, PreviousHash = ByteString.CopyFrom(1, 2), DataHash = ByteString.CopyFrom(3) };

        BlockHashing.HeaderBytes(header).Should().Equal(0x30, 0x0A, 0x02, 0x01, 0x01, 0x04, 0x02, 0x01, 0x02, 0x04, 0x01, 0x03);
    }

    [Fact]
    public void HeaderBytes_NumberWithHighBit_IsEncodedAsPositiveInteger()
    {
        var header = new BlockHeader { Number = 128 };

        BlockHashing.HeaderBytes(header).Should().Equal(0x30, 0x08, 0x02, 0x02, 0x00, 0x80, 0x04, 0x00, 0x04, 0x00);
    }

    [Fact]
    public void DataHash_IsSha256OfConcatenatedEnvelopes()
    {
        var data = new BlockData();
        data.Data.Add(ByteString.CopyFromUtf8("ab"));
        data.Data.Add(ByteString.CopyFromUtf8("c"));

        BlockHashing.DataHash(data).Should().Equal(System.Security.Cryptography.SHA256.HashData("abc"u8));
    }

    [Fact]
    public void Open_AfterAppends_ReturnsBlocksAndPrivateData()
    {
        var privateData = new Dictionary<ulong, TxPvtReadWriteSet> { [0] = new() { NsPvtRwset = { new NsPvtReadWriteSet { Namespace = "cc" } } } };
        using (var store = new BlockStore(_directory))
        {
            store.Append(Block(0, null));
            store.Append(Block(1, store.GetBlock(0)), privateData);
        }

        using var reopened = new BlockStore(_directory);

        reopened.Height.Should().Be(2);
        reopened.GetPrivateData(1)[0].NsPvtRwset[0].Namespace.Should().Be("cc");
    }

    [Fact]
    public void Open_FileCutShortMidBlock_DropsThePartialBlockAndKeepsTheRest()
    {
        using (var store = new BlockStore(_directory))
        {
            store.Append(Block(0, null));
            store.Append(Block(1, store.GetBlock(0)));
        }

        var path = Path.Combine(_directory, "blocks.dat");
        var length = new FileInfo(path).Length;
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(length - 5);
        }

        using var reopened = new BlockStore(_directory);

        reopened.Height.Should().Be(1);
        reopened.Append(Block(1, reopened.GetBlock(0)));
        reopened.Height.Should().Be(2);
    }

    [Fact]
    public void Open_BrokenHashChain_Throws()
    {
        using (var store = new BlockStore(_directory))
        {
            store.Append(Block(0, null));
            var forged = Block(1, null);
            forged.Header.PreviousHash = ByteString.CopyFrom(new byte[32]);
            store.Append(forged);
        }

        var act = () => new BlockStore(_directory);

        act.Should().Throw<InvalidDataException>().WithMessage("*does not chain*");
    }

    [Fact]
    public async Task WaitForBlockAsync_BlockAppendedLater_Completes()
    {
        using var store = new BlockStore(_directory);
        var waiting = store.WaitForBlockAsync(0, CancellationToken.None);
        waiting.IsCompleted.Should().BeFalse();

        store.Append(Block(0, null));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void RemovePurgedPrivateWrites_PurgeInLaterBlock_RemovesOnlyThatKeyFromMemoryAndDisk()
    {
        using (var store = new BlockStore(_directory))
        {
            store.Append(Block(0, null));
            store.Append(Block(1, store.GetBlock(0)), new Dictionary<ulong, TxPvtReadWriteSet>
            {
                [0] = PrivateSet(("pair", "copy", "secret-copy"), ("pair", "note", "kept-note"), ("own", "copy", "kept-own")),
                [1] = PrivateSet(("pair", "copy", "secret-second")),
            });
            store.Append(Block(2, store.GetBlock(1)));

            store.RemovePurgedPrivateWrites([new PurgedPrivateKey(2, 0, "cc", "pair", Sha("copy"))]).Should().BeTrue();

            PrivateValues(store.GetPrivateData(1)).Should().BeEquivalentTo("kept-note", "kept-own");
            store.GetPrivateData(1).Should().NotContainKey(1UL, "a transaction left with no private writes is dropped");
        }

        var file = File.ReadAllBytes(Path.Combine(_directory, "pvtdata.dat"));
        file.AsSpan().IndexOf("secret-copy"u8).Should().Be(-1, "the purged value must leave the disk");
        file.AsSpan().IndexOf("secret-second"u8).Should().Be(-1);
        file.AsSpan().IndexOf("kept-note"u8).Should().BeGreaterThanOrEqualTo(0);
        using var reopened = new BlockStore(_directory);
        PrivateValues(reopened.GetPrivateData(1)).Should().BeEquivalentTo("kept-note", "kept-own");
    }

    [Fact]
    public void RemovePurgedPrivateWrites_WriteAfterThePurge_IsKept_AndAppendsContinue()
    {
        using (var store = new BlockStore(_directory))
        {
            store.Append(Block(0, null), new Dictionary<ulong, TxPvtReadWriteSet> { [0] = PrivateSet(("pair", "copy", "before")) });
            store.Append(Block(1, store.GetBlock(0)), new Dictionary<ulong, TxPvtReadWriteSet>
            {
                [0] = PrivateSet(("pair", "copy", "same-block-before")),
                [2] = PrivateSet(("pair", "copy", "same-block-after")),
            });

            store.RemovePurgedPrivateWrites([new PurgedPrivateKey(1, 1, "cc", "pair", Sha("copy"))]).Should().BeTrue();
            store.RemovePurgedPrivateWrites([new PurgedPrivateKey(1, 1, "cc", "pair", Sha("copy"))]).Should().BeFalse("nothing is left to remove");
            store.Append(Block(2, store.GetBlock(1)), new Dictionary<ulong, TxPvtReadWriteSet> { [0] = PrivateSet(("pair", "copy", "rewritten")) });
        }

        using var reopened = new BlockStore(_directory);
        reopened.GetPrivateData(0).Should().BeEmpty();
        PrivateValues(reopened.GetPrivateData(1)).Should().Equal("same-block-after");
        PrivateValues(reopened.GetPrivateData(2)).Should().Equal("rewritten");
    }

    private static TxPvtReadWriteSet PrivateSet(params (string Collection, string Key, string Value)[] writes)
    {
        var set = new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        var ns = new NsPvtReadWriteSet { Namespace = "cc" };
        foreach (var collection in writes.GroupBy(w => w.Collection))
        {
            var kv = new KVRWSet();
            kv.Writes.Add(collection.Select(w => new KVWrite { Key = w.Key, Value = ByteString.CopyFromUtf8(w.Value) }));
            ns.CollectionPvtRwset.Add(new CollectionPvtReadWriteSet { CollectionName = collection.Key, Rwset = kv.ToByteString() });
        }

        set.NsPvtRwset.Add(ns);
        return set;
    }

    private static IEnumerable<string> PrivateValues(IReadOnlyDictionary<ulong, TxPvtReadWriteSet> privateData) =>
        privateData.Values.SelectMany(s => s.NsPvtRwset).SelectMany(n => n.CollectionPvtRwset)
            .SelectMany(c => KVRWSet.Parser.ParseFrom(c.Rwset).Writes).Select(w => w.Value.ToStringUtf8());

    private static ByteString Sha(string key) => ByteString.CopyFrom(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    private static Block Block(ulong number, Block? previous)
    {
        var data = new BlockData();
        data.Data.Add(ByteString.CopyFromUtf8($"tx-{number}"));
        return new Block
        {
            Header = new BlockHeader
            {
                Number = number,
                PreviousHash = previous is null ? ByteString.Empty : ByteString.CopyFrom(BlockHashing.HeaderHash(previous.Header)),
                DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)),
            },
            Data = data,
            Metadata = new BlockMetadata(),
        };
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
