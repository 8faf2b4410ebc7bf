using System.Diagnostics;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Integration.Tests.RestGateway.Pharma;

/// <summary>
/// Issue #8 for the pharma network: every /api/pharma endpoint over HTTP through the real REST gateway in front of real
/// peers. The flows of <see cref="PharmaRestScenario"/> make every endpoint answer 2xx at least once (checked against
/// the gateway's own endpoint catalog); the refusal table gives each endpoint its 400/404/409/422 with the reason; the
/// authorization matrix calls every endpoint as every caller of the network and compares with the chaincode's rules.
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class PharmaOverRestTests(PharmaOverRestFixture fixture, RealNetworkFixture realNetwork, ITestOutputHelper output)
    : IClassFixture<PharmaOverRestFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task EveryEndpoint_AnswersItsHappyPath_OnDevNetwork() => AssertEveryEndpointAnswered(await Timed(fixture.OnDevNetworkAsync));

    [Fact]
    public async Task EveryEndpoint_RefusesWithProblemDetails_OnDevNetwork() => await RefusalsAsync(await fixture.OnDevNetworkAsync());

    [Fact]
    public async Task AuthorizationMatrix_EveryEndpointAsEveryRole_OnDevNetwork() => await MatrixAsync(await fixture.OnDevNetworkAsync());

    [SkippableFact]
    public async Task EveryEndpoint_AnswersItsHappyPath_OnRealFabric()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        AssertEveryEndpointAnswered(await Timed(() => fixture.OnRealNetworkAsync(realNetwork.Network)));
    }

    [SkippableFact]
    public async Task EveryEndpoint_RefusesWithProblemDetails_OnRealFabric()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await RefusalsAsync(await fixture.OnRealNetworkAsync(realNetwork.Network));
    }

    [SkippableFact]
    public async Task AuthorizationMatrix_EveryEndpointAsEveryRole_OnRealFabric()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await MatrixAsync(await fixture.OnRealNetworkAsync(realNetwork.Network));
    }

    /// <summary>
    /// The routes that answered 2xx are exactly the gateway's pharma endpoints. A ledger configured before the run
    /// cannot answer 201 to its first configuration: then (real Fabric) that one route is left out, and said so.
    /// </summary>
    private void AssertEveryEndpointAnswered(PharmaRestScenario scenario)
    {
        var expected = CatalogOf(scenario.Rest.GatewayServices).Select(r => r.ToString()).ToHashSet();
        expected.Should().NotBeEmpty("the gateway maps the pharma endpoints");
        if (!scenario.ConfiguredByThisRun)
        {
            output.WriteLine($"{PharmaRoutes.InitializeConfiguration} not exercised: {scenario.Network.Description} was configured before this run.");
            expected.Remove(PharmaRoutes.InitializeConfiguration.ToString());
        }

        var answered = scenario.Rest.AnsweredSuccess.Select(r => r.ToString()).ToHashSet();
        expected.Except(answered).Should().BeEmpty("every pharma endpoint of the gateway answers 2xx at least once in the flows");
        answered.Except(expected).Should().BeEmpty("only the gateway's pharma endpoints were called");
        output.WriteLine($"{answered.Count} pharma endpoints answered 2xx.");
    }

    /// <summary>(method, route pattern) of every endpoint the gateway maps under /api/pharma.</summary>
    internal static IReadOnlyList<PharmaRoute> CatalogOf(IServiceProvider services) =>
        [.. GatewayEndpointCatalog.Under(services, "/api/pharma").Select(e => new PharmaRoute(e.Method, e.Pattern))];

    private async Task RefusalsAsync(PharmaRestScenario scenario)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var clock = Stopwatch.StartNew();
        var mismatches = await PharmaRefusals.CheckAsync(scenario, output, timeout.Token);
        output.WriteLine($"Refusals checked in {clock.Elapsed.TotalSeconds:F1} s.");
        mismatches.Should().BeEmpty(string.Join(Environment.NewLine, mismatches));
    }

    private async Task MatrixAsync(PharmaRestScenario scenario)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var clock = Stopwatch.StartNew();
        var mismatches = await PharmaAuthorizationMatrix.CheckAsync(scenario, output, timeout.Token);
        output.WriteLine($"Matrix checked in {clock.Elapsed.TotalSeconds:F1} s.");
        mismatches.Should().BeEmpty(string.Join(Environment.NewLine, mismatches));
    }

    private async Task<PharmaRestScenario> Timed(Func<Task<PharmaRestScenario>> prepare)
    {
        var clock = Stopwatch.StartNew();
        var scenario = await prepare();
        output.WriteLine($"Flows over HTTP on {scenario.Network.Description} ready after {clock.Elapsed.TotalSeconds:F1} s (0 s when an earlier test of the class prepared them): {string.Join("; ", scenario.Timings)}.");
        return scenario;
    }
}
