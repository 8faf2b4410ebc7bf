using System.Security.Cryptography;
using System.Text.Json;
using Fabric.Gateway.TestDoubles;
using Fabric.TestSupport;

namespace Fabric.Gateway.Client.Tests.Conformance;

/// <summary>
/// The scripted peer's checks are only worth something if the official client passes them: run
/// <c>@hyperledger/fabric-gateway</c> from npm against it and require zero violations.
/// </summary>
public sealed class OfficialNodeClientTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("node-client-").FullName;

    [Fact]
    public async Task ScriptedPeer_OfficialNodeClientWorkload_AcceptsEveryRequest()
    {
        await using var peer = await ScriptedFabricPeer.StartAsync();
        var identity = TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256);
        var cert = Path.Combine(_folder, "cert.pem");
        var key = Path.Combine(_folder, "key.pem");
        await File.WriteAllTextAsync(cert, identity.CertificatePem);
        await File.WriteAllTextAsync(key, identity.PrivateKeyPem);

        var output = await NodeScript.RunAsync(
            "benchmarks/gateway-client-benchmark.js", TimeSpan.FromSeconds(60),
            "--address", $"127.0.0.1:{peer.Address.Port}", "--msp", "Org1MSP", "--cert", cert, "--key", key,
            "--seconds", "0.2", "--warmup", "0.05", "--concurrency", "4");

        peer.State.Violations.Should().BeEmpty();
        using var figures = JsonDocument.Parse(output);
        foreach (var workload in new[] { "proposalSign", "evaluate", "submit", "submitConcurrent" })
        {
            figures.RootElement.GetProperty(workload).GetDouble().Should().BePositive(workload);
        }

        peer.State.Endorsed.Should().NotBeEmpty();
        peer.State.Ledger("mychannel").Height.Should().Be((ulong)peer.State.Submitted.Count);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
