using Fabric.Network.Testing;

namespace Integration.Tests.Infrastructure;

/// <summary>
/// One embedded dev network (orderer, eight peers, the three chaincodes with a process per organization) for the
/// whole assembly: starting it costs seconds, and the business networks live on separate channels.
/// </summary>
public sealed class DevNetworkFixture : IAsyncLifetime
{
    private DevNetworkProcess? _network;

    public DevNetworkProcess Network => _network ?? throw new InvalidOperationException("The dev network did not start.");

    public async Task InitializeAsync() => _network = await DevNetworkProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }
}

/// <summary>The real Fabric test-network named by FABRIC_TEST_NETWORK, or a skip reason.</summary>
public sealed class RealNetworkFixture : IAsyncLifetime
{
    private RealTestNetwork? _network;

    public string? SkipReason { get; } = RealTestNetwork.SkipReason();

    /// <summary>The network; call <c>Skip.If(fixture.SkipReason is not null, fixture.SkipReason)</c> first.</summary>
    public RealTestNetwork Network => _network ?? throw new InvalidOperationException(SkipReason ?? "The test-network is not connected.");

    public async Task InitializeAsync()
    {
        if (SkipReason is null)
        {
            _network = await RealTestNetwork.ConnectAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }
}

/// <summary>Every end-to-end test shares the networks and runs one at a time (they share ledgers and CPU).</summary>
[CollectionDefinition(Name)]
public sealed class FabricNetworksGroup : ICollectionFixture<DevNetworkFixture>, ICollectionFixture<RealNetworkFixture>
{
    public const string Name = "Fabric networks";
}
