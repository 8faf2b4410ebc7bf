using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Hosting;
using Fabric.TestSupport;

namespace Fabric.DevNetwork.Tests.TestDoubles;

/// <summary>
/// The two-organization network of fabric-network/config/two-org-network.yaml started in a temporary folder on free
/// loopback ports, with the test world state and the scripted chaincode runtime.
/// </summary>
internal sealed class TestNetwork : IAsyncDisposable
{
    public const string Channel = "mychannel";
    public const string Chaincode = "basic";

    private TestNetwork(string dataDirectory, NetworkDefinition definition, DevNetworkHost host)
    {
        DataDirectory = dataDirectory;
        Definition = definition;
        Host = host;
    }

    public string DataDirectory { get; }

    public NetworkDefinition Definition { get; }

    public DevNetworkHost Host { get; private set; }

    public Dictionary<string, InMemoryWorldState> WorldStates { get; } = [];

    public static async Task<TestNetwork> StartAsync(string? dataDirectory = null, Action<NetworkDefinition>? configure = null)
    {
        var definition = NetworkFileLoader.Load(RepositoryLayout.PathOf("fabric-network", "config", "two-org-network.yaml"));
        definition.Orderer.Port = FreeTcpPort.Next();
        definition.Orderer.BatchTimeoutMilliseconds = 20;
        foreach (var organization in definition.Organizations)
        {
            organization.PeerPort = FreeTcpPort.Next();
        }

        configure?.Invoke(definition);
        NetworkFileLoader.Validate(definition);
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "devnet-tests", Guid.NewGuid().ToString("N"));
        var network = new TestNetwork(dataDirectory, definition, null!);
        network.Host = await network.StartHostAsync();
        return network;
    }

    /// <summary>Stops every node and starts them again on the same data, with fresh world states (as after a crash).</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        WorldStates.Clear();
        Host = await StartHostAsync();
    }

    private Task<DevNetworkHost> StartHostAsync() =>
        DevNetworkHost.StartAsync(Definition, new DevNetworkOptions
        {
            DataDirectory = DataDirectory,
            Components = new DevNetworkComponents(
                context =>
                {
                    var state = new InMemoryWorldState();
                    WorldStates[$"{context.PeerMspId}/{context.ChannelId}"] = state;
                    return state;
                },
                context => new AssetChaincodeRuntime(context.PeerMspId)),
        }, CancellationToken.None);

    public string PeerAddress(string mspId) => $"localhost:{Definition.Organizations.Single(o => o.MspId == mspId).PeerPort}";

    public string TlsCaPath(string mspId) => Host.Organizations[mspId].TlsCaCertificatePath;

    public string UserMsp(string mspId, string user = "User1")
    {
        var organization = Host.Organizations[mspId];
        return Path.Combine(organization.UsersDirectory, $"{user}@{organization.Domain}", "msp");
    }

    public TestGatewayClient Client(string mspId = "Org1MSP", string? peerMspId = null, string user = "User1") =>
        new(PeerAddress(peerMspId ?? mspId), TlsCaPath(peerMspId ?? mspId), new TestIdentity(mspId, UserMsp(mspId, user)));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

}
