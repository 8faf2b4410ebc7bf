using System.Collections.Concurrent;
using System.Diagnostics;
using Fabric.TestSupport;

namespace Fabric.Network.Testing;

/// <summary>
/// The embedded dev network run as its own process (<c>Fabric.DevNetwork up</c>), exactly as a developer starts it,
/// from a copy of a network file with free ports, in a fresh data directory. It can be killed (SIGKILL, nothing
/// flushed) and restarted on the same data to prove that nothing committed is lost.
/// </summary>
public sealed class DevNetworkProcess : FabricTestNetwork
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Dictionary<string, OrganizationEndpoint> _organizations;
    private readonly bool _ownsDataDirectory;
    private Process? _process;

    private DevNetworkProcess(string networkFile, string dataDirectory, Dictionary<string, OrganizationEndpoint> organizations, bool ownsDataDirectory)
    {
        NetworkFile = networkFile;
        DataDirectory = dataDirectory;
        _organizations = organizations;
        _ownsDataDirectory = ownsDataDirectory;
    }

    public override string Description => $"the embedded dev network ({NetworkFile})";

    public override bool IsEmbedded => true;

    public override IReadOnlyDictionary<string, OrganizationEndpoint> Organizations => _organizations;

    /// <summary>The rewritten network file the process runs.</summary>
    public string NetworkFile { get; }

    /// <summary>Crypto material (organizations/), blocks and state of this run.</summary>
    public string DataDirectory { get; }

    /// <summary>The last lines the dev network and its chaincode processes wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Starts a dev network from <paramref name="templateNetworkFile"/> (default: the repository's network.yaml).</summary>
    public static async Task<DevNetworkProcess> StartAsync(string? templateNetworkFile = null, CancellationToken cancellationToken = default)
    {
        var template = templateNetworkFile ?? RepositoryLayout.PathOf("fabric-network", "config", "network.yaml");
        var rewritten = NetworkFileRewriter.Rewrite(template);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "fabric-devnet-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        var networkFile = Path.Combine(dataDirectory, "network.yaml");
        await File.WriteAllTextAsync(networkFile, rewritten.Yaml, cancellationToken);
        var organizations = rewritten.Organizations.ToDictionary(
            o => o.Key,
            o =>
            {
                var organizationDirectory = Path.Combine(dataDirectory, "organizations", "peerOrganizations", o.Value.Domain);
                return new OrganizationEndpoint(o.Key, new Uri($"https://localhost:{o.Value.PeerPort}"), $"peer0.{o.Value.Domain}",
                    Path.Combine(organizationDirectory, "tlsca", $"tlsca.{o.Value.Domain}-cert.pem"), organizationDirectory);
            },
            StringComparer.Ordinal);
        var network = new DevNetworkProcess(networkFile, dataDirectory, organizations, ownsDataDirectory: true);
        try
        {
            await network.StartProcessAsync(cancellationToken);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Kills the whole process tree at once (no graceful shutdown), as a crash or power cut would. Clients' gRPC
    /// channels stay open and reconnect once the network is restarted on the same ports.
    /// </summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the dev network again on the same data directory and ports.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    public override Task<TestUser> EnrollAsync(
        string mspId, string userName, IReadOnlyDictionary<string, string>? attributes = null, bool admin = false,
        CancellationToken cancellationToken = default) =>
        DevNetworkCli.EnrollAsync(["--network", NetworkFile, "--data", DataDirectory, "--org", mspId], mspId, userName, attributes, admin, cancellationToken);

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataDirectory,
        };
        foreach (var argument in new[] { BuiltArtifacts.DevNetwork, "up", "--network", NetworkFile, "--data", DataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            while (_output.Count > 200 && _output.TryDequeue(out _))
            {
            }

            if (line.StartsWith("Dev network is up.", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"The dev network exited with {SafeExitCode(process)} before it was up:{Environment.NewLine}{RecentOutput}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await ready.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The dev network was not up within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{RecentOutput}");
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "an unknown code";
        }
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        if (_process is { HasExited: false } process)
        {
            // SIGTERM first: `up` stops its chaincode processes and flushes; then make sure.
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await (term?.WaitForExitAsync() ?? Task.CompletedTask);
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        if (_ownsDataDirectory && Environment.GetEnvironmentVariable("FABRIC_KEEP_TEST_DATA") is not "1")
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A chaincode process may still hold a file for a moment; the folder is under the temp directory.
            }
        }
    }
}
