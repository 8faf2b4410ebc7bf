using System.Text.Json;
using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Peer;
using FluentAssertions;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>The Node contract as a chaincode-as-a-service server that requires mutual TLS.</summary>
public sealed class TlsChaincodeFixture : IAsyncLifetime
{
    public const string PackageId = "tls_1.0:4444444444444444444444444444444444444444444444444444444444444444";
    private readonly string folder = Directory.CreateTempSubdirectory("cc-tls-").FullName;

    internal TestCertificates Certificates { get; } = TestCertificates.Create();

    internal NodeChaincodeServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(folder, "server.crt"), Certificates.ServerCertPem);
        File.WriteAllText(Path.Combine(folder, "server.key"), Certificates.ServerKeyPem);
        File.WriteAllText(Path.Combine(folder, "ca.crt"), Certificates.CaPem);
        Server = NodeChaincodeServer.Start(PackageId, "Org1MSP",
        [
            "--chaincode-tls-cert-file", Path.Combine(folder, "server.crt"),
            "--chaincode-tls-key-file", Path.Combine(folder, "server.key"),
            "--chaincode-tls-client-cacert-file", Path.Combine(folder, "ca.crt"),
        ]);
        await Server.WaitUntilListeningAsync(TimeSpan.FromSeconds(30));
    }

    public Task DisposeAsync()
    {
        Server.Dispose();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The Node contract served over mutual TLS, dialed as a peer does from a connection.json with root_cert and client_cert.</summary>
public sealed class NodeContractTlsTests(TlsChaincodeFixture fixture) : IClassFixture<TlsChaincodeFixture>
{
    private const string PackageId = TlsChaincodeFixture.PackageId;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private TestCertificates Certificates => fixture.Certificates;

    private NodeChaincodeServer Server => fixture.Server;

    private static async Task<ChaincodeExecutionResult> RunAsync(ChaincodeEndpoint endpoint)
    {
        await using var runtime = new ChaincodeRuntime(new ChaincodeRuntimeOptions());
        runtime.Register("mychannel", endpoint);
        using var timeout = new CancellationTokenSource(CallTimeout);
        var invocation = ProposalFactory.Invocation(new WorldState("Org1MSP", _ => null), new Dictionary<string, CollectionConfigPackage>(), "asset", ["Identity"]);
        return await runtime.ExecuteAsync(invocation, timeout.Token);
    }

    [Fact]
    public async Task ExecuteAsync_MutualTlsWithTrustedRoot_Succeeds()
    {
        var result = await RunAsync(new ChaincodeEndpoint("asset", PackageId, Server.Address, Certificates.CaPem,
            Certificates.ClientCertPem, Certificates.ClientKeyPem, TimeSpan.FromSeconds(20)));

        result.Response.Status.Should().Be(200, result.Response.Message + Server.Output);
        JsonDocument.Parse(result.Response.Payload.ToStringUtf8()).RootElement.GetProperty("peer").GetString().Should().Be("Org1MSP");
    }

    [Fact]
    public async Task ExecuteAsync_ServerNotSignedByGivenRoot_IsUnavailable()
    {
        var strangers = TestCertificates.Create();

        var act = () => RunAsync(new ChaincodeEndpoint("asset", PackageId, Server.Address, strangers.CaPem,
            Certificates.ClientCertPem, Certificates.ClientKeyPem, TimeSpan.FromSeconds(2)));

        (await act.Should().ThrowAsync<ChaincodeUnavailableException>()).WithInnerException<Grpc.Core.RpcException>();
    }

    [Fact]
    public async Task ExecuteAsync_PlaintextToTlsServer_IsUnavailable()
    {
        var act = () => RunAsync(new ChaincodeEndpoint("asset", PackageId, Server.Address, null, null, null, TimeSpan.FromSeconds(2)));

        (await act.Should().ThrowAsync<ChaincodeUnavailableException>()).WithInnerException<Grpc.Core.RpcException>();
    }
}
