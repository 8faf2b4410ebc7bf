using System.Security.Cryptography;
using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.TestDoubles;
using Grpc.Net.Client;

namespace Fabric.Gateway.Client.Benchmarks;

/// <summary>
/// The scripted peer on a loopback port, configured for long runs (it still verifies every signature, transaction
/// ID and message, like a Fabric peer), and one client identity.
/// </summary>
public sealed class PeerSession : IAsyncDisposable
{
    private PeerSession(ScriptedFabricPeer peer, TestIdentity identity)
    {
        Peer = peer;
        Identity = identity;
    }

    public ScriptedFabricPeer Peer { get; }

    public TestIdentity Identity { get; }

    public static async Task<PeerSession> StartAsync()
    {
        var peer = await ScriptedFabricPeer.StartAsync();
        peer.State.RetainBlockContents = false;
        peer.State.RecordInvocations = false;
        return new PeerSession(peer, TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256));
    }

    /// <summary>A gRPC channel and a gateway with the default options, as an application would set them up.</summary>
    public (GrpcChannel Channel, Gateway Gateway) Connect()
    {
        var channel = GrpcChannel.ForAddress(Peer.Address);
        var gateway = Gateway.Connect(channel, new X509Identity(Identity.MspId, Identity.CertificatePem), Signers.CreateFromPem(Identity.PrivateKeyPem));
        return (channel, gateway);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Peer.State.Violations.IsEmpty)
        {
            throw new InvalidOperationException("The peer rejected client requests: " + string.Join("; ", Peer.State.Violations));
        }

        await Peer.DisposeAsync();
    }
}
