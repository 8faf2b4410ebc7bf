using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Identity;
using Fabric.Gateway.Client;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.Extensions.Options;
using FabricGateway = Fabric.Gateway.Client.Gateway;

namespace Fabric.Gateway.Api.Connections;

/// <summary>
/// Connects an identity to the peers of its organization and runs a call with failover: when a peer is UNAVAILABLE
/// (after the client's own retries) the next peer of the same organization gets the call. Only calls that are safe
/// to repeat go through here: evaluate, endorsement of a fresh proposal, re-sending the same signed envelope, and
/// commit status.
/// </summary>
internal sealed partial class FabricConnections(
    PeerChannelPool pool, IOptions<FabricOptions> options, ILoggerFactory loggerFactory, TimeProvider time)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<FabricConnections>();

    // One gateway per identity, peer and commit-status timeout, kept: a gateway holds nothing per call, and building
    // one (options validated, retry pipelines built) cost more per request than the rest of the gateway's own work.
    private readonly ConcurrentDictionary<(FabricIdentity Identity, PeerOptions Peer, TimeSpan CommitStatusTimeout), FabricGateway> _gateways = new();

    /// <summary>Runs <paramref name="call"/> on the first peer that is available.</summary>
    /// <exception cref="GatewayException">Every peer was unavailable (the last failure), or the call failed otherwise.</exception>
    public async Task<T> WithFailoverAsync<T>(
        FabricIdentity identity, Func<FabricGateway, PeerOptions, Task<T>> call, TimeSpan? commitStatusTimeout = null)
    {
        var peers = pool.PeersOf(identity.MspId);
        if (peers.Count == 0)
        {
            throw new GatewayException($"No peers are configured for {identity.MspId}.", StatusCode.Unavailable, [], null);
        }

        for (var i = 0; ; i++)
        {
            var peer = peers[i];
            try
            {
                return await call(Connect(identity, peer, commitStatusTimeout), peer).ConfigureAwait(false);
            }
            catch (GatewayException e) when (e.StatusCode == StatusCode.Unavailable && i + 1 < peers.Count)
            {
                LogFailover(_logger, peer.Endpoint, peers[i + 1].Endpoint, identity.MspId);
            }
        }
    }

    /// <summary>
    /// A chaincode event stream that moves to the next peer of the organization when its peer becomes UNAVAILABLE,
    /// resuming right after the last event it yielded (or where <paramref name="start"/> says, before the first).
    /// </summary>
    public async IAsyncEnumerable<ChaincodeEvent> ChaincodeEventsAsync(
        FabricIdentity identity,
        string channel,
        string chaincode,
        EventsOptions start,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var peers = pool.PeersOf(identity.MspId);
        var options = start;
        for (var i = 0; i < peers.Count; i++)
        {
            var events = Connect(identity, peers[i]).GetNetwork(channel).GetChaincodeEventsAsync(chaincode, options, cancellationToken);
            await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                var failedOver = false;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (GatewayException e) when (e.StatusCode == StatusCode.Unavailable && i + 1 < peers.Count)
                {
                    LogFailover(_logger, peers[i].Endpoint, peers[i + 1].Endpoint, identity.MspId);
                    failedOver = true;
                }

                if (failedOver)
                {
                    break;
                }

                var current = enumerator.Current;
                options = new EventsOptions { Checkpoint = new Position(current.BlockNumber, current.TransactionId) };
                yield return current;
            }
        }
    }

    /// <summary>The organization's first peer (for work that sends nothing, such as reading a stored transaction).</summary>
    public PeerOptions FirstPeerOf(string mspId) =>
        pool.PeersOf(mspId) is { Count: > 0 } peers ? peers[0] : throw new InvalidOperationException($"No peers are configured for {mspId}.");

    /// <summary>A gateway for the identity on one peer (over the peer's shared channel); connecting costs nothing on the network.</summary>
    public FabricGateway Connect(FabricIdentity identity, PeerOptions peer, TimeSpan? commitStatusTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(peer);
        var settings = options.Value;
        return _gateways.GetOrAdd(
            (identity, peer, commitStatusTimeout ?? settings.CommitStatusTimeout),
            key => FabricGateway.Connect(
                pool.ChannelFor(key.Peer),
                key.Identity.Identity,
                key.Identity.Signer,
                new GatewayOptions
                {
                    EvaluateTimeout = settings.EvaluateTimeout,
                    EndorseTimeout = settings.EndorseTimeout,
                    SubmitTimeout = settings.SubmitTimeout,
                    CommitStatusTimeout = key.CommitStatusTimeout,
                    UnavailableRetryAttempts = settings.UnavailableRetryAttempts,
                },
                loggerFactory,
                time));
    }

    private sealed record Position(ulong BlockNumber, string? TransactionId) : ICheckpoint;

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Peer {Peer} of {MspId} is unavailable; trying {NextPeer}")]
    private static partial void LogFailover(ILogger logger, string peer, string nextPeer, string mspId);
}
