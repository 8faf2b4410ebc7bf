using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Crypto;

namespace Fabric.DevNetwork.Peer;

/// <summary>One organization's peer: its identity, its channels, its chaincode runtime and endorser.</summary>
internal sealed class PeerNode : IAsyncDisposable
{
    public PeerNode(string mspId, string address, SigningIdentity identity, IChaincodeRuntime runtime, IEnumerable<PeerChannel> channels)
    {
        MspId = mspId;
        Address = address;
        Identity = identity;
        Runtime = runtime;
        Channels = channels.ToDictionary(c => c.ChannelId, StringComparer.Ordinal);
        Endorser = new Endorser(this);
    }

    public string MspId { get; }

    /// <summary>host:port of the peer's gRPC services, as reported in gateway error details.</summary>
    public string Address { get; }

    public SigningIdentity Identity { get; }

    public IChaincodeRuntime Runtime { get; }

    public IReadOnlyDictionary<string, PeerChannel> Channels { get; }

    public Endorser Endorser { get; }

    /// <summary>The other nodes in this process; set once the whole network is built.</summary>
    public PeerNetwork? Network { get; set; }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync().ConfigureAwait(false);
        foreach (var channel in Channels.Values)
        {
            channel.Dispose();
        }
    }
}
