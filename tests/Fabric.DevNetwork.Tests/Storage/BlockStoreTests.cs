using Fabric.DevNetwork.Storage;
using Fabric.Protos.Common;
using Fabric.Protos.Ledger.Rwset;
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
