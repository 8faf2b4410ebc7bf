using Fabric.Gateway.Client;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Integration.Tests.TradeFinance;

/// <summary>Reads a channel's blocks as raw bytes through a peer's Deliver service, to search them for private values.</summary>
internal static class LedgerBytes
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Every block from <paramref name="firstBlock"/> to <paramref name="lastBlock"/>, serialized as the peer sent it.</summary>
    public static async Task<IReadOnlyList<(ulong Number, byte[] Bytes)>> BlocksAsync(
        Network channel, ulong firstBlock, ulong lastBlock, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var blocks = new List<(ulong, byte[])>();
        await foreach (var block in channel.GetBlockEventsAsync(new EventsOptions { StartBlock = firstBlock }, timeout.Token))
        {
            blocks.Add((block.Header.Number, block.ToByteArray()));
            if (block.Header.Number >= lastBlock)
            {
                break;
            }
        }

        return blocks;
    }

    /// <summary>
    /// The private write sets a peer delivers with each block to this client (DeliverWithPrivateData), by collection
    /// name, from <paramref name="firstBlock"/> to <paramref name="lastBlock"/>.
    /// </summary>
    public static async Task<IReadOnlyList<(string Collection, byte[] Bytes)>> PrivateWritesAsync(
        Network channel, ulong firstBlock, ulong lastBlock, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var writes = new List<(string, byte[])>();
        await foreach (var block in channel.GetBlockAndPrivateDataEventsAsync(new EventsOptions { StartBlock = firstBlock }, timeout.Token))
        {
            foreach (var transaction in block.PrivateDataMap.Values)
            {
                foreach (var collection in transaction.NsPvtRwset.SelectMany(n => n.CollectionPvtRwset))
                {
                    writes.Add((collection.CollectionName, collection.Rwset.ToByteArray()));
                }
            }

            if (block.Block.Header.Number >= lastBlock)
            {
                break;
            }
        }

        return writes;
    }

    /// <summary>The names of the markers found in <paramref name="bytes"/>.</summary>
    public static IEnumerable<string> Find(ReadOnlySpan<byte> bytes, IReadOnlyDictionary<string, byte[]> markers)
    {
        var found = new List<string>();
        foreach (var (name, marker) in markers)
        {
            if (bytes.IndexOf(marker) >= 0)
            {
                found.Add(name);
            }
        }

        return found;
    }
}
