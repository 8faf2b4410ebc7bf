using Fabric.Network.Testing;
using Fabric.TestSupport;

namespace Integration.Tests.Conformance;

/// <summary>
/// The conformance network (tests/conformance/devnet/conformance-network.yaml): Org1MSP and Org2MSP on mychannel with
/// a .NET-shim chaincode (<c>basic</c>) and a Node fabric-shim chaincode (<c>asset</c>), one process per organization.
/// </summary>
public sealed class ConformanceNetworkFixture : IAsyncLifetime
{
    public static string NetworkFile => RepositoryLayout.PathOf("tests", "conformance", "devnet", "conformance-network.yaml");

    private DevNetworkProcess? _network;

    public DevNetworkProcess Network => _network ?? throw new InvalidOperationException("The conformance network did not start.");

    public async Task InitializeAsync() => _network = await DevNetworkProcess.StartAsync(NetworkFile);

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }
}

/// <summary>Conformance and crash tests share one network and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceNetworkGroup : ICollectionFixture<ConformanceNetworkFixture>
{
    public const string Name = "Conformance network";
}
