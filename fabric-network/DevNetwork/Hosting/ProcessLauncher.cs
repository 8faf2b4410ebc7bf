using System.Diagnostics;
using Fabric.DevNetwork.Configuration;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting;

/// <summary>
/// Starts the processes a network file asks for, as an admin would: chaincode servers (with the environment a
/// chaincode-as-a-service process expects) and applications such as the REST gateway. A launch's build command runs
/// to completion first, once per distinct command line. Processes are stopped (with their children) when the network stops.
/// </summary>
internal sealed class ProcessLauncher(ILogger logger, string dataDirectory) : IDisposable
{
    /// <summary>Replaced in an application's arguments and environment by the absolute data folder.</summary>
    public const string DataPlaceholder = "${DATA}";

    private readonly List<Process> _processes = [];
    private readonly HashSet<string> _built = new(StringComparer.Ordinal);

    /// <summary>Runs the launch's build command to completion, unless the same command line already ran.</summary>
    public async Task BuildAsync(string networkDirectory, string component, LaunchDefinition launch, CancellationToken cancellationToken)
    {
        if (launch.Build is not { Command.Length: > 0 } build)
        {
            return;
        }

        var workingDirectory = Resolve(networkDirectory, build.WorkingDirectory);
        var commandLine = $"{build.Command} {string.Join(' ', build.Arguments)}";
        if (!_built.Add($"{workingDirectory}|{commandLine}"))
        {
            return;
        }

        var start = new ProcessStartInfo(build.Command)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in build.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        DevNetworkLog.Building(logger, component, commandLine);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{commandLine}' to build {component}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(build.TimeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new NotSupportedException($"Building {component} ('{commandLine}' in {workingDirectory}) did not finish within {build.TimeoutSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            var text = (await output.ConfigureAwait(false)) + (await errors.ConfigureAwait(false));
            var tail = string.Join(Environment.NewLine, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(15));
            throw new NotSupportedException(
                $"Building {component} failed ('{commandLine}' in {workingDirectory} exited with {process.ExitCode}):{Environment.NewLine}{tail}");
        }

        DevNetworkLog.Built(logger, component, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>Starts a chaincode server for one organization's peer, with CHAINCODE_ID, CHAINCODE_SERVER_ADDRESS and CORE_PEER_LOCALMSPID.</summary>
    public void LaunchChaincode(string networkDirectory, string chaincode, string mspId, string packageId, ChaincodeEndpointDefinition endpoint)
    {
        if (endpoint.Launch is { Command.Length: > 0 } launch)
        {
            Start(networkDirectory, $"chaincode {chaincode} ({mspId})", launch, new Dictionary<string, string>
            {
                ["CHAINCODE_ID"] = packageId,
                ["CHAINCODE_SERVER_ADDRESS"] = endpoint.Address,
                ["CORE_PEER_LOCALMSPID"] = mspId,
            });
        }
    }

    /// <summary>Starts an application once the network is up, with FABRIC_DEVNET_DATA set and ${DATA} expanded.</summary>
    public void LaunchApplication(string networkDirectory, ApplicationDefinition application) =>
        Start(networkDirectory, application.Name, application.Launch, new Dictionary<string, string> { ["FABRIC_DEVNET_DATA"] = dataDirectory });

    private void Start(string networkDirectory, string component, LaunchDefinition launch, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(launch.Command)
        {
            WorkingDirectory = Resolve(networkDirectory, launch.WorkingDirectory),
            UseShellExecute = false,
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(Expand(argument));
        }

        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = Expand(value);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {launch.Command} for {component}.");
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => DevNetworkLog.ProcessExited(logger, process.Id, component, process.ExitCode);
        _processes.Add(process);
        DevNetworkLog.ProcessStarted(logger, process.Id, component, launch.Command);
    }

    private string Expand(string value) => value.Replace(DataPlaceholder, dataDirectory, StringComparison.Ordinal);

    private static string Resolve(string networkDirectory, string? workingDirectory) =>
        workingDirectory is null ? networkDirectory : Path.GetFullPath(Path.Combine(networkDirectory, workingDirectory));

    public void Dispose()
    {
        // Applications first (they were started last and may be finishing work against the chaincodes).
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            var process = _processes[i];
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }
    }
}
