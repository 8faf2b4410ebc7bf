using Fabric.Network.Testing;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>
/// Every endpoint under /api/trade through the real REST gateway, hosted in-process in front of real peers (the dev
/// network, and real Fabric when FABRIC_TEST_NETWORK names one): each answers 2xx in a business flow and the set of
/// endpoints that did is the gateway's whole catalog under /api/trade (HappyPaths file); each refuses with the status,
/// ProblemDetails type and reason docs/rest-gateway.md and docs/trade-finance.md give (Refusals file); and every
/// endpoint is tried by every caller of the network against the table of who may call what (Authorization file).
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed partial class TradeEndpointsOverRestTests(DevNetworkFixture devNetwork, RealNetworkFixture realNetwork, TradeOverRestFixture fixture)
    : IClassFixture<TradeOverRestFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public Task EveryEndpoint_HappyPath_OnDevNetwork_Answers2xxAndCoversTheCatalog() => HappyPathsAsync(devNetwork.Network);

    [SkippableFact]
    public async Task EveryEndpoint_HappyPath_OnRealFabric_Answers2xxAndCoversTheCatalog()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await HappyPathsAsync(realNetwork.Network);
    }

    [Fact]
    public Task EveryEndpoint_Refusals_OnDevNetwork_AreProblemDetailsSayingWhy() => RefusalsAsync(devNetwork.Network);

    [SkippableFact]
    public async Task EveryEndpoint_Refusals_OnRealFabric_AreProblemDetailsSayingWhy()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await RefusalsAsync(realNetwork.Network);
    }

    [Fact]
    public Task EveryEndpointByEveryCaller_OnDevNetwork_FollowsTheAuthorizationTable() => AuthorizationMatrixAsync(devNetwork.Network);

    [SkippableFact]
    public async Task EveryEndpointByEveryCaller_OnRealFabric_FollowsTheAuthorizationTable()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await AuthorizationMatrixAsync(realNetwork.Network);
    }

    private async Task<TradeRestSession> StartAsync(FabricTestNetwork network, CancellationToken ct) =>
        TradeRestSession.Start(network, await fixture.UsersAsync(network, ct));
}
