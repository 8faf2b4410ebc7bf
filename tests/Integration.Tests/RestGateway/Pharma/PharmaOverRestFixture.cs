using Fabric.Network.Testing;

namespace Integration.Tests.RestGateway.Pharma;

/// <summary>
/// Runs the pharma flows once per network for the tests of <see cref="PharmaOverRestTests"/>, which then probe the state
/// they leave. On the dev side it is a dev network of its own: whether <c>POST /api/pharma/configuration</c> can answer
/// 201 (and who is refused before the first configuration) depends on finding the chaincode unconfigured, which a
/// network shared with other tests cannot promise. Starting one takes seconds.
/// </summary>
public sealed class PharmaOverRestFixture : IAsyncLifetime
{
    private static readonly TimeSpan PrepareTimeout = TimeSpan.FromMinutes(4);
    private readonly Lock _gate = new();
    private DevNetworkProcess? _devNetwork;
    private Task<PharmaRestScenario>? _devScenario;
    private Task<PharmaRestScenario>? _realScenario;

    internal Task<PharmaRestScenario> OnDevNetworkAsync()
    {
        lock (_gate)
        {
            return _devScenario ??= StartDevAsync();
        }
    }

    internal Task<PharmaRestScenario> OnRealNetworkAsync(FabricTestNetwork network)
    {
        lock (_gate)
        {
            return _realScenario ??= PrepareAsync(network);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var scenario in new[] { _devScenario, _realScenario })
        {
            if (scenario is { IsCompletedSuccessfully: true })
            {
                await scenario.Result.DisposeAsync();
            }
        }

        if (_devNetwork is not null)
        {
            await _devNetwork.DisposeAsync();
        }
    }

    private async Task<PharmaRestScenario> StartDevAsync()
    {
        _devNetwork = await DevNetworkProcess.StartAsync();
        return await PrepareAsync(_devNetwork);
    }

    private static async Task<PharmaRestScenario> PrepareAsync(FabricTestNetwork network)
    {
        using var timeout = new CancellationTokenSource(PrepareTimeout);
        return await PharmaRestScenario.PrepareAsync(network, TimeProvider.System, timeout.Token);
    }
}
