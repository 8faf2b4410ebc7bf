using System.Security.Cryptography;
using Fabric.Gateway.Client;
using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.TestDoubles;
using Grpc.Net.Client;

namespace Fabric.Gateway.Client.Tests.Support;

/// <summary>A scripted peer on a loopback port and a real client connected to it over HTTP/2.</summary>
internal sealed class TestGateway : IAsyncDisposable
{
    public const string Channel = "mychannel";
    public const string Chaincode = "basic";

    private TestGateway(ScriptedFabricPeer peer, GrpcChannel grpcChannel, TestIdentity identity, Gateway gateway)
    {
        Peer = peer;
        GrpcChannel = grpcChannel;
        TestIdentity = identity;
        Gateway = gateway;
    }

    public ScriptedFabricPeer Peer { get; }

    public ScriptedPeerState State => Peer.State;

    public GrpcChannel GrpcChannel { get; }

    public TestIdentity TestIdentity { get; }

    public X509Identity Identity => Gateway.Identity;

    public Gateway Gateway { get; }

    public Network Network => Gateway.GetNetwork(Channel);

    public Contract Contract => Network.GetContract(Chaincode);

    /// <summary>Fails a test that would otherwise wait forever.</summary>
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    public static async Task<TestGateway> StartAsync(
        GatewayOptions? options = null, ECCurve? curve = null, bool withSigner = true, TimeProvider? timeProvider = null)
    {
        var peer = await ScriptedFabricPeer.StartAsync();
        var testIdentity = TestCertificates.CreateIdentity("Org1MSP", curve ?? ECCurve.NamedCurves.nistP256);
        var channel = GrpcChannel.ForAddress(peer.Address);
        var identity = new X509Identity(testIdentity.MspId, testIdentity.CertificatePem);
        var signer = withSigner ? Signers.CreateFromPem(testIdentity.PrivateKeyPem) : null;
        var gateway = Gateway.Connect(channel, identity, signer, options ?? FastRetries(), timeProvider: timeProvider);
        return new TestGateway(peer, channel, testIdentity, gateway);
    }

    /// <summary>Default options, but retry delays of 1 ms so that retry tests do not wait.</summary>
    public static GatewayOptions FastRetries() => new() { UnavailableRetryDelay = TimeSpan.FromMilliseconds(1) };

    /// <summary>Signs a digest as an offline signer (an HSM, a wallet) would, outside the gateway.</summary>
    public async Task<byte[]> SignOfflineAsync(byte[] digest) =>
        await Signers.CreateFromPem(TestIdentity.PrivateKeyPem).SignAsync(digest);

    /// <summary>Set by tests that send invalid requests on purpose.</summary>
    public bool ExpectViolations { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (!ExpectViolations)
        {
            State.Violations.Should().BeEmpty("every request the client sent must be one a Fabric peer accepts");
        }

        GrpcChannel.Dispose();
        await Peer.DisposeAsync();
    }
}
