using System.Collections.Concurrent;
using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Client;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Connections;

/// <summary>
/// One gRPC channel per configured peer, created on first use and shared by every request and identity (HTTP/2
/// multiplexes the calls); disposed with the host.
/// </summary>
internal sealed class PeerChannelPool(IOptions<FabricOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);

    /// <summary>The peers of an organization, in configured order.</summary>
    public IReadOnlyList<PeerOptions> PeersOf(string mspId) =>
        options.Value.Organizations.TryGetValue(mspId, out var organization) ? organization.Peers : [];

    /// <summary>Every configured peer with its organization.</summary>
    public IEnumerable<(string MspId, PeerOptions Peer)> AllPeers() =>
        options.Value.Organizations.SelectMany(o => o.Value.Peers.Select(p => (o.Key, p)));

    public GrpcChannel ChannelFor(PeerOptions peer) =>
        _channels.GetOrAdd(peer.Endpoint, _ => new Lazy<GrpcChannel>(() => Create(peer))).Value;

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
        {
            channel.Value.Dispose();
        }
    }

    private GrpcChannel Create(PeerOptions peer)
    {
        var settings = options.Value;
        return FabricChannels.Create(new Uri(peer.Endpoint), new FabricChannelOptions
        {
            TlsRootCertificatePath = peer.TlsCaFile is null ? null : settings.ResolvePath(peer.TlsCaFile),
            ServerNameOverride = peer.ServerNameOverride,
        });
    }
}
