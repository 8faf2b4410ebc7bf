using System.Security.Cryptography;
using System.Text;
using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.TestDoubles;

namespace Fabric.Gateway.Client.Tests;

public sealed class FabricChannelsTests : IDisposable
{
    private const string PeerName = "peer0.org1.example.com";
    private readonly string _folder = Directory.CreateTempSubdirectory("tls-").FullName;

    [Fact]
    public async Task Create_TlsWithServerNameOverride_EvaluatesOverTls()
    {
        var (ca, server) = TestCertificates.CreateTlsServer(PeerName);
        using (ca)
        using (server)
        {
            await using var peer = await ScriptedFabricPeer.StartAsync(new ScriptedPeerTls(server));
            var options = new FabricChannelOptions { TlsRootCertificatePath = WritePem("ca.crt", ca.ExportCertificatePem()), ServerNameOverride = PeerName };
            using var channel = FabricChannels.Create(peer.Address, options);

            var result = await ConnectAndEvaluateAsync(channel);

            result.Should().Be("Ping:");
        }
    }

    [Fact]
    public async Task Create_TlsWithoutOverride_RejectsTheCertificateName()
    {
        var (ca, server) = TestCertificates.CreateTlsServer(PeerName);
        using (ca)
        using (server)
        {
            await using var peer = await ScriptedFabricPeer.StartAsync(new ScriptedPeerTls(server));
            using var channel = FabricChannels.Create(peer.Address, new FabricChannelOptions { TlsRootCertificatePath = WritePem("ca.crt", ca.ExportCertificatePem()) });

            var act = () => ConnectAndEvaluateAsync(channel);

            // grpc-dotnet reports a failed TLS handshake as INTERNAL or UNAVAILABLE depending on where it fails.
            (await act.Should().ThrowAsync<GatewayException>()).Which.StatusCode.Should().BeOneOf(Grpc.Core.StatusCode.Internal, Grpc.Core.StatusCode.Unavailable);
        }
    }

    [Fact]
    public async Task Create_MutualTls_PresentsTheClientCertificate()
    {
        var (ca, server) = TestCertificates.CreateTlsServer(PeerName);
        using (ca)
        using (server)
        {
            await using var peer = await ScriptedFabricPeer.StartAsync(new ScriptedPeerTls(server, ClientCa: ca));
            var (clientCert, clientKey) = TestCertificates.CreateTlsClient(ca, "User1");
            var options = new FabricChannelOptions
            {
                TlsRootCertificatePath = WritePem("ca.crt", ca.ExportCertificatePem()),
                ServerNameOverride = PeerName,
                ClientCertificatePath = WritePem("client.crt", clientCert),
                ClientKeyPath = WritePem("client.key", clientKey),
            };
            using var channel = FabricChannels.Create(peer.Address, options);

            var result = await ConnectAndEvaluateAsync(channel);

            result.Should().Be("Ping:");
        }
    }

    [Fact]
    public void Create_HttpsWithoutCa_Throws()
    {
        var act = () => FabricChannels.Create(new Uri("https://localhost:7051"));
        act.Should().Throw<ArgumentException>().WithMessage("*TlsRootCertificatePath*");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<string> ConnectAndEvaluateAsync(Grpc.Net.Client.GrpcChannel channel)
    {
        var identity = TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256);
        var options = new GatewayOptions { UnavailableRetryAttempts = 0 };
        var gateway = Gateway.Connect(channel, new X509Identity(identity.MspId, identity.CertificatePem), Signers.CreateFromPem(identity.PrivateKeyPem), options);
        var result = await gateway.GetNetwork("mychannel").GetContract("basic").EvaluateTransactionAsync("Ping");
        return Encoding.UTF8.GetString(result);
    }

    private string WritePem(string name, string pem)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
