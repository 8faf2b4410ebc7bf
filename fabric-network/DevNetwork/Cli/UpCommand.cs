using System.CommandLine;
using System.Runtime.InteropServices;
using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Hosting;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Cli;

/// <summary><c>up</c>: starts the network and runs until Ctrl+C or SIGTERM.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var network = CommonOptions.Network();
        var data = CommonOptions.Data();
        var command = new Command("up", "Start the orderer and the peers (crypto material is generated on first start and reused).") { network, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = NetworkFileLoader.Load(CommonOptions.ResolveNetworkFile(parse.GetValue(network)));
            var dataDirectory = parse.GetValue(data)!;
            using var loggerFactory = LoggerFactory.Create(logging => logging
                .AddSimpleConsole(o => o.SingleLine = true)
                .SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning)
                // Start failures surface as exceptions that 'up' reports in one line; the host's own log of them is a stack trace.
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

            DevNetworkHost host;
            try
            {
                host = await DevNetworkHost.StartAsync(definition, new DevNetworkOptions
                {
                    DataDirectory = dataDirectory.FullName,
                    LoggerFactory = loggerFactory,
                }, stop.Token).ConfigureAwait(false);
            }
            catch (NotSupportedException e)
            {
                await Console.Error.WriteLineAsync($"The dev network cannot start: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Usually another dev network, or the real test network (same ports on purpose), is still running.
                await Console.Error.WriteLineAsync(
                    $"The dev network cannot start: {e.Message} Stop what uses that port (another dev network: 'down'; " +
                    "the Fabric test network: 'fabric-network/test-network/network.sh down') or change the ports in the network file.").ConfigureAwait(false);
                return 3;
            }

            await using (host.ConfigureAwait(false))
            {
                var pidFile = CommonOptions.PidFile(dataDirectory);
                await File.WriteAllTextAsync(pidFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None).ConfigureAwait(false);
                Console.WriteLine(ConnectionSummary.Describe(host));
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine("Stopping the dev network.");
                }
                finally
                {
                    File.Delete(pidFile);
                }
            }

            return 0;
        });
        return command;
    }
}
