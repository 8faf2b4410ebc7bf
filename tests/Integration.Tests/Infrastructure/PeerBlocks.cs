using Fabric.Gateway.Client;
using Fabric.Network.Testing;

namespace Integration.Tests.Infrastructure;

/// <summary>
/// A commit status (the gateway's 2xx included) speaks for one peer: the caller's organization's. Every other peer
/// pulls the block from the orderer on its own schedule, so a next step endorsed or read by another organization may
/// run before that peer has it. Scenarios that hand over between organizations wait for it first.
/// </summary>
internal static class PeerBlocks
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the peer of each organization in <paramref name="mspIds"/> delivers <paramref name="blockNumber"/>, i.e. has committed it.</summary>
    public static async Task WaitUntilEveryPeerHasAsync(
        FabricTestNetwork network, TestUser reader, string channel, IEnumerable<string> mspIds, ulong blockNumber, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Wait);
        await Task.WhenAll(mspIds.Distinct(StringComparer.Ordinal).Select(async mspId =>
        {
            var blocks = network.Connect(reader, mspId).GetNetwork(channel)
                .GetFilteredBlockEventsAsync(new EventsOptions { StartBlock = blockNumber }, timeout.Token);
            await foreach (var block in blocks)
            {
                if (block.Number != blockNumber)
                {
                    throw new InvalidOperationException($"The peer of {mspId} delivered block {block.Number} when asked for {blockNumber}.");
                }

                return;
            }
        }));
    }
}
