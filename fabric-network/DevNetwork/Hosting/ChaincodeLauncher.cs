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
