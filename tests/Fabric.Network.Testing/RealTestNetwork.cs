using System.Text.Json;

namespace Fabric.Network.Testing;

/// <summary>
/// A real Fabric network started by fabric-network/test-network/network.sh, described by the <c>.run/network.json</c>
/// it writes. Users are enrolled with attributes by signing with the organization's cryptogen CA key (what a Fabric
/// CA would do), so chaincode sees the same attribute extension as on the dev network.
/// </summary>
public sealed class RealTestNetwork : FabricTestNetwork
{
    /// <summary>The environment variable naming the test-network folder (the one holding <c>.run/network.json</c>).</summary>
    public const string EnvironmentVariable = "FABRIC_TEST_NETWORK";

    private readonly Dictionary<string, OrganizationEndpoint> _organizations;

    private RealTestNetwork(string folder, Dictionary<string, OrganizationEndpoint> organizations)
    {
        Folder = folder;
        _organizations = organizations;
    }

    public string Folder { get; }

    public override string Description => $"the Fabric test-network at {Folder}";

    public override bool IsEmbedded => false;

    public override IReadOnlyDictionary<string, OrganizationEndpoint> Organizations => _organizations;

    /// <summary>Why the real-Fabric tests are skipped, or null when FABRIC_TEST_NETWORK names a running test-network.</summary>
    public static string? SkipReason()
    {
        var folder = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            return $"{EnvironmentVariable} is not set: no real Fabric network to test against. Start one with " +
                "fabric-network/test-network/network.sh up createChannel + deployCCAAS (docs/admin-guide.md) and set " +
                $"{EnvironmentVariable}=<that folder>.";
        }

        return File.Exists(Path.Combine(folder, ".run", "network.json"))
            ? null
            : $"{EnvironmentVariable}={folder}, but {Path.Combine(folder, ".run", "network.json")} does not exist: is the test-network up?";
    }

    /// <summary>Connects to the network FABRIC_TEST_NETWORK names; call only when <see cref="SkipReason"/> is null.</summary>
    public static async Task<RealTestNetwork> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var folder = Path.GetFullPath(Environment.GetEnvironmentVariable(EnvironmentVariable)
            ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set."));
        await using var file = File.OpenRead(Path.Combine(folder, ".run", "network.json"));
        using var document = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
        var organizations = new Dictionary<string, OrganizationEndpoint>(StringComparer.Ordinal);
        foreach (var organization in document.RootElement.GetProperty("organizations").EnumerateObject())
        {
            var value = organization.Value;
            var users = value.GetProperty("usersPath").GetString()!;
            organizations[organization.Name] = new OrganizationEndpoint(
                organization.Name,
                new Uri($"https://{value.GetProperty("peerEndpoint").GetString()}"),
                value.GetProperty("peerHostOverride").GetString()!,
                value.GetProperty("tlsCaCertPath").GetString()!,
                Path.GetDirectoryName(users.TrimEnd('/'))!);
        }

        return new RealTestNetwork(folder, organizations);
    }

    public override Task<TestUser> EnrollAsync(
        string mspId, string userName, IReadOnlyDictionary<string, string>? attributes = null, bool admin = false,
        CancellationToken cancellationToken = default) =>
        DevNetworkCli.EnrollAsync(["--org-dir", Organization(mspId).OrganizationDirectory], mspId, userName, attributes, admin, cancellationToken);

    protected override ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
}
