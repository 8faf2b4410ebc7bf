using System.Text;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using FluentAssertions;
using Google.Protobuf;

namespace Integration.Tests.HealthRecords;

/// <summary>A private value the scenario chose, with the byte patterns it could appear as (raw UTF-8 and base64, as JSON holds byte[]).</summary>
internal sealed record Secret(string Label, string Text)
{
    public IReadOnlyList<byte[]> Patterns { get; } =
    [
        Encoding.UTF8.GetBytes(Text),
        Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text))),
    ];

    public bool IsIn(ReadOnlySpan<byte> bytes)
    {
        foreach (var pattern in Patterns)
        {
            if (bytes.IndexOf(pattern) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Where private data may and may not be: every block of the channel (read with the client's block events), and on
/// the embedded dev network the files under its data directory (block files of every node, each peer's private store).
/// </summary>
internal static class LedgerPrivacy
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Blocks 0 to <paramref name="lastBlock"/> of the channel, as the peer delivers them.</summary>
    public static async Task<IReadOnlyList<Block>> ReadBlocksAsync(Fabric.Gateway.Client.Network channel, ulong lastBlock, CancellationToken cancellationToken)
    {
        var blocks = new List<Block>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        await foreach (var block in channel.GetBlockEventsAsync(new EventsOptions { StartBlock = 0 }, timeout.Token))
        {
            block.Header.Number.Should().Be((ulong)blocks.Count, "block events from block 0 come in order, without gaps");
            blocks.Add(block);
            if (block.Header.Number >= lastBlock)
            {
                break;
            }
        }

        return blocks;
    }

    /// <summary>One block with the private data the peer holds for it and delivers to the requester (DeliverWithPrivateData).</summary>
    public static async Task<BlockAndPrivateData> ReadBlockWithPrivateDataAsync(
        Fabric.Gateway.Client.Network channel, ulong blockNumber, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        await foreach (var block in channel.GetBlockAndPrivateDataEventsAsync(new EventsOptions { StartBlock = blockNumber }, timeout.Token))
        {
            return block;
        }

        throw new InvalidOperationException($"The peer delivered no block {blockNumber}.");
    }

    /// <summary>True when the private data delivered with the block holds the secret.</summary>
    public static bool PrivateDataHolds(BlockAndPrivateData block, Secret secret) =>
        block.PrivateDataMap.Values.Any(set => secret.IsIn(set.ToByteArray()));

    /// <summary>Fails naming the block and the secret if any block's bytes hold one of the secrets.</summary>
    public static void ShouldHoldNone(IReadOnlyList<Block> blocks, IEnumerable<Secret> secrets)
    {
        var bytes = blocks.Select(b => (b.Header.Number, Bytes: b.ToByteArray())).ToList();
        foreach (var secret in secrets)
        {
            bytes.Where(b => secret.IsIn(b.Bytes)).Select(b => b.Number)
                .Should().BeEmpty($"the {secret.Label} must not be in any block of the channel");
        }
    }

    /// <summary>True when some block holds <paramref name="text"/> (a positive control: the scan sees what is public).</summary>
    public static bool AnyHolds(IReadOnlyList<Block> blocks, string text)
    {
        var pattern = Encoding.UTF8.GetBytes(text);
        return blocks.Any(b => b.ToByteArray().AsSpan().IndexOf(pattern) >= 0);
    }

    /// <summary>The peer's private data store of a channel on the dev network (private write sets it holds, on disk).</summary>
    public static string PrivateStoreOf(DevNetworkProcess network, string mspId, string channel) =>
        Path.Combine(network.DataDirectory, "peers", PeerFolder(network, mspId), channel, "pvtdata.dat");

    /// <summary>Every block file of every node (orderer and peers) of the dev network.</summary>
    public static IReadOnlyList<string> BlockFilesOf(DevNetworkProcess network, string channel) =>
        Directory.EnumerateFiles(network.DataDirectory, "blocks.dat", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(Path.GetDirectoryName(path)) == channel)
            .ToList();

    /// <summary>True when the file exists and holds the secret.</summary>
    public static bool FileHolds(string path, Secret secret)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        // The dev network keeps the file open for appends; share it.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return secret.IsIn(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    private static string PeerFolder(FabricTestNetwork network, string mspId) =>
        "peer0." + Path.GetFileName(network.Organization(mspId).OrganizationDirectory.TrimEnd(Path.DirectorySeparatorChar));
}
