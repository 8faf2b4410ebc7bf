using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Fabric.TestSupport;

namespace Integration.Tests.RestGateway;

/// <summary>
/// The REST gateway as a process of its own (the built Fabric.Gateway.Api next to the tests), configured through
/// environment variables, so that a test can kill it outright (SIGKILL, no graceful shutdown, as a crash would) and
/// start it again on the same journal and port.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly int _port;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private GatewayProcess(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        _port = FreeTcpPort.Next();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    /// <summary>The last lines the gateway wrote (its JSON logs), for a failure's message.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(40));

    /// <summary>Starts the gateway and waits until <c>/health/ready</c> answers 200 (a peer of every organization answers).</summary>
    public static async Task<GatewayProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var gateway = new GatewayProcess(settings);
        try
        {
            await gateway.StartProcessAsync(cancellationToken);
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    public HttpClient ClientWithApiKey(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Kills the process at once: in-flight requests are cut off, nothing is flushed or finished.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the gateway again with the same settings, journal and port.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await KillAsync();
        _process?.Dispose();
        await StartProcessAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root (appsettings.json) is the gateway's project folder; every test setting overrides it.
            WorkingDirectory = RepositoryLayout.PathOf("gateway", "Fabric.Gateway.Api"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Fabric.Gateway.Api.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(process, cancellationToken);
    }

    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {process.ExitCode} while starting:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"The gateway was not ready within {ReadyTimeout}:{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
