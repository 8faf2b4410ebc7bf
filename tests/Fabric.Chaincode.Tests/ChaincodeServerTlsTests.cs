using Fabric.Chaincode.Tests.Support;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Chaincode.Tests;

/// <summary>TLS and mutual TLS of the chaincode server, with certificates made in the test (ECDSA P-256).</summary>
public sealed class ChaincodeServerTlsTests : IDisposable
{
    private readonly TestPki _serverCa = new("chaincode-tls-ca");
    private readonly TestPki _peerCa = new("peer-client-ca");
    private readonly TestPki _otherCa = new("some-other-ca");

    [Fact]
    public async Task Tls_ClientTrustingTheCa_Registers()
    {
        var (certificate, key, _) = _serverCa.IssueServer();
        await using var harness = await StartAsync(o => Tls(o, certificate, key, clientCa: null));

        await using var peer = await ScriptedPeer.ConnectAsync(harness.Channel(_serverCa.Certificate));
        var answer = await peer.InvokeAsync("tls1", "get", "a");

        peer.RegisteredPackageId.Should().Be(ServerHarness.PackageId);
        answer.Type.Should().Be(Fabric.Protos.Peer.ChaincodeMessage.Types.Type.Completed);
    }

    [Fact]
    public async Task MutualTls_ClientCertificateFromClientCa_Registers()
    {
        var (certificate, key, _) = _serverCa.IssueServer();
        var (_, _, client) = _peerCa.IssueClient();
        await using var harness = await StartAsync(o => Tls(o, certificate, key, _peerCa.CertificatePem));

        await using var peer = await ScriptedPeer.ConnectAsync(harness.Channel(_serverCa.Certificate, client));

        peer.RegisteredPackageId.Should().Be(ServerHarness.PackageId);
    }

    [Fact]
    public async Task MutualTls_ClientCertificateFromOtherCa_IsRejected()
    {
        var (certificate, key, _) = _serverCa.IssueServer();
        var (_, _, intruder) = _otherCa.IssueClient("intruder");
        await using var harness = await StartAsync(o => Tls(o, certificate, key, _peerCa.CertificatePem));

        var connect = () => ScriptedPeer.ConnectAsync(harness.Channel(_serverCa.Certificate, intruder));

        await connect.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task MutualTls_NoClientCertificate_IsRejected()
    {
        var (certificate, key, _) = _serverCa.IssueServer();
        await using var harness = await StartAsync(o => Tls(o, certificate, key, _peerCa.CertificatePem));

        var connect = () => ScriptedPeer.ConnectAsync(harness.Channel(_serverCa.Certificate));

        await connect.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public void Build_TlsEnabledWithoutCertificate_FailsListingEveryProblem()
    {
        var builder = ChaincodeServer.CreateBuilder().Configure(o =>
        {
            o.Address = "nonsense";
            o.PackageId = string.Empty;
            o.TlsDisabled = false;
        });

        var build = () => builder.Build();

        build.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Contain("CHAINCODE_SERVER_ADDRESS").And.Contain("CHAINCODE_ID")
            .And.Contain("CHAINCODE_TLS_CERT").And.Contain("CHAINCODE_TLS_KEY").And.Contain("AddContract");
    }

    [Fact]
    public void Build_TlsFilesMissing_ReportsTheVariableAndPath()
    {
        var builder = ChaincodeServer.CreateBuilder(
            "--CHAINCODE_ID=mycc:abc", "--CHAINCODE_TLS_CERT=/nonexistent/cert.pem", "--CHAINCODE_TLS_KEY=/nonexistent/key.pem");
        builder.UseChaincode<ProbeChaincode>();

        var build = () => builder.Build();

        build.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Contain("CHAINCODE_TLS_CERT: the file '/nonexistent/cert.pem' cannot be read");
    }

    [Fact]
    public void CreateBuilder_FabricVariables_AreReadFromConfiguration()
    {
        var (certificate, key, _) = _serverCa.IssueServer();
        var builder = ChaincodeServer.CreateBuilder(
            "--CHAINCODE_SERVER_ADDRESS=127.0.0.1:0",
            "--CORE_CHAINCODE_ID_NAME=mycc:abc",
            "--CORE_PEER_LOCALMSPID=Org2MSP",
            $"--CHAINCODE_TLS_CERT={certificate}",
            $"--CHAINCODE_TLS_KEY={key}");
        builder.UseChaincode<ProbeChaincode>();
        builder.Services.AddSingleton(new ProbeGate());

        var options = Internal.ServerConfigurationAccess.Read(builder);

        options.Address.Should().Be("127.0.0.1:0");
        options.PackageId.Should().Be("mycc:abc");
        options.LocalMspId.Should().Be("Org2MSP");
        options.TlsDisabled.Should().BeFalse();
        options.TlsCertificatePem.Should().Be(certificate);
        options.Validate().Should().BeEmpty();
    }

    public void Dispose()
    {
        _serverCa.Dispose();
        _peerCa.Dispose();
        _otherCa.Dispose();
    }

    private static Task<ServerHarness> StartAsync(Action<ChaincodeServerOptions> options) =>
        ServerHarness.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton(new ProbeGate());
                builder.UseChaincode<ProbeChaincode>();
            },
            options);

    private static void Tls(ChaincodeServerOptions options, string certificate, string key, string? clientCa)
    {
        options.TlsDisabled = false;
        options.TlsCertificatePem = certificate;
        options.TlsKeyPem = key;
        options.ClientCaCertificatesPem = clientCa;
    }
}
