using System.Diagnostics;
using Fabric.DevNetwork.Configuration;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting;

/// <summary>
/// Starts the chaincode processes a network file asks for (an admin's job on a real network), with the environment
/// a chaincode-as-a-service process expects: CHAINCODE_ID, CHAINCODE_SERVER_ADDRESS and CORE_PEER_LOCALMSPID.
/// Each address is started once; processes are stopped (by their own process ID) when the network stops.
/// </summary>
internal sealed class ChaincodeLauncher(ILogger logger) : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly HashSet<string> _built = new(StringComparer.Ordinal);

    /// <summary>Runs the launch's build command to completion, unless the same command line already ran.</summary>
    public async Task BuildAsync(string networkDirectory, string chaincode, LaunchDefinition launch, CancellationToken cancellationToken)
    {
        if (launch.Build is not { Command.Length: > 0 } build)
        {
            return;
        }

        var workingDirectory = build.WorkingDirectory is null ? networkDirectory : Path.GetFullPath(Path.Combine(networkDirectory, build.WorkingDirectory));
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

        DevNetworkLog.ChaincodeBuilding(logger, chaincode, commandLine);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{commandLine}' to build chaincode {chaincode}.");
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

            throw new NotSupportedException($"Building chaincode {chaincode} ('{commandLine}' in {workingDirectory}) did not finish within {build.TimeoutSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            var text = (await output.ConfigureAwait(false)) + (await errors.ConfigureAwait(false));
            var tail = string.Join(Environment.NewLine, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(15));
            throw new NotSupportedException(
                $"Building chaincode {chaincode} failed ('{commandLine}' in {workingDirectory} exited with {process.ExitCode}):{Environment.NewLine}{tail}");
        }

        DevNetworkLog.ChaincodeBuilt(logger, chaincode, stopwatch.Elapsed.TotalSeconds);
    }

    public void Launch(string networkDirectory, string chaincode, string mspId, string packageId, ChaincodeEndpointDefinition endpoint)
    {
        if (endpoint.Launch is not { Command.Length: > 0 } launch)
        {
            return;
        }

        var start = new ProcessStartInfo(launch.Command)
        {
            WorkingDirectory = launch.WorkingDirectory is null ? networkDirectory : Path.GetFullPath(Path.Combine(networkDirectory, launch.WorkingDirectory)),
            UseShellExecute = false,
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["CHAINCODE_ID"] = packageId;
        start.Environment["CHAINCODE_SERVER_ADDRESS"] = endpoint.Address;
        start.Environment["CORE_PEER_LOCALMSPID"] = mspId;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {launch.Command} for chaincode {chaincode}.");
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => DevNetworkLog.ChaincodeExited(logger, process.Id, chaincode, process.ExitCode);
        _processes.Add(process);
        DevNetworkLog.ChaincodeLaunched(logger, process.Id, chaincode, mspId, launch.Command);
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
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
