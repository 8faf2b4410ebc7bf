using System.Security.Cryptography;
using System.Text.Json;
using Fabric.Admin.Tests.Support;

namespace Fabric.Admin.Tests.RealFabric;

/// <summary>
/// The CLI against a real Fabric v2.5 test network (fabric-network/test-network after <c>network.sh up createChannel</c>):
/// set FABRIC_TEST_NETWORK to that folder (it reads <c>.run/network.json</c>). Without it the test is reported as skipped.
/// It deploys a fresh chaincode name (a ccaas package whose process need not run: install, approve and commit do not dial it).
/// </summary>
public sealed class TestNetworkLifecycleTests
{
    [SkippableFact]
    public async Task FullLifecycle_OnTheRealTestNetwork_CommitsANewChaincode()
    {
        var folder = Environment.GetEnvironmentVariable("FABRIC_TEST_NETWORK");
        Skip.If(string.IsNullOrEmpty(folder), "FABRIC_TEST_NETWORK is not set: no real Fabric test network to run the admin CLI against (see docs/admin-guide.md)");
        var description = Path.Combine(folder, ".run", "network.json");
        Skip.IfNot(File.Exists(description), $"{description} does not exist: run fabric-network/test-network/network.sh up createChannel first");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(description));
        var root = json.RootElement;
        var (channel, members) = root.GetProperty("channels").EnumerateObject()
            .Select(c => (c.Name, Orgs: c.Value.EnumerateArray().Select(m => m.GetString()!).ToArray()))
            .OrderByDescending(c => c.Orgs.Length).First();
        var orgs = members.Select(msp => Organization.From(msp, root.GetProperty("organizations").GetProperty(msp))).ToList();
        string[] orderer = ["--orderer", root.GetProperty("ordererEndpoint").GetString()!, "--orderer-tls-ca", root.GetProperty("ordererTlsCaCertPath").GetString()!];

        var name = "admincli" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var work = Directory.CreateTempSubdirectory("admin-cli-real-");
        try
        {
            var package = Path.Combine(work.FullName, $"{name}.tar.gz");
            var packaged = await Run(["package", package, "--label", $"{name}_1.0", "--address", "127.0.0.1:1"]);
            var packageId = packaged.Output.Split("Package ID: ")[1].Trim();
            string[] definition = ["--channel", channel, "--name", name, "--version", "1.0", "--sequence", "1", "--timeout", "60s"];

            foreach (var org in orgs)
            {
                (await Run(["install", package, "--timeout", "60s"], org.Peer, org.Admin)).Output.Should().Contain(packageId);
                (await Run(["queryinstalled"], org.Peer, org.Admin)).Output.Should().Contain($"Package ID: {packageId}, Label: {name}_1.0");
                await Run(["approveformyorg", "--package-id", packageId], org.Peer, orderer, definition, org.Admin);
            }

            var readiness = await Run(["checkcommitreadiness"], orgs[0].Peer, definition, orgs[0].Admin);
            orgs.Should().AllSatisfy(org => readiness.Output.Should().Contain($"{org.MspId}: true"));

            await Run(["commit"], [.. orgs.SelectMany(o => o.Peer)], orderer, definition, orgs[0].Admin);
            var committed = await Run(["querycommitted", "--channel", channel, "--name", name], orgs[^1].Peer, orgs[^1].Admin);
            committed.Output.Should().Contain("Version: 1.0, Sequence: 1,");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<CliResult> Run(params string[][] parts)
    {
        var result = await CliRun.RunAsync(parts.SelectMany(p => p));
        result.ExitCode.Should().Be(0, result.ToString());
        return result;
    }

    private sealed record Organization(string MspId, string[] Peer, string[] Admin)
    {
        public static Organization From(string mspId, JsonElement org)
        {
            var users = org.GetProperty("usersPath").GetString()!;
            var adminMsp = Directory.GetDirectories(users, "Admin@*").Select(d => Path.Combine(d, "msp")).Single();
            return new Organization(
                mspId,
                ["--peer", org.GetProperty("peerEndpoint").GetString()!, "--tls-ca", org.GetProperty("tlsCaCertPath").GetString()!,
                 "--server-name", org.GetProperty("peerHostOverride").GetString()!],
                ["--msp-dir", adminMsp, "--msp-id", mspId]);
        }
    }
}
