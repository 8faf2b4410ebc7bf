using System.CommandLine;
using Fabric.Admin.Lifecycle;

namespace Fabric.Admin.Cli;

/// <summary><c>queryinstalled</c>: the packages installed on a peer, in the peer CLI's text format or as JSON.</summary>
internal static class QueryInstalledCommand
{
    public static Command Create(TimeProvider time)
    {
        var options = new AdminOptions();
        var command = new Command("queryinstalled", "List the chaincode packages installed on a peer.") { options.Output };
        options.AddPeers(command);
        options.AddIdentity(command);
        command.SetAdminAction(options.Timeout, time, async (parse, output, cancellationToken) =>
        {
            var json = options.Json(parse);
            var signer = await options.LoadSignerAsync(parse, cancellationToken).ConfigureAwait(false);
            using var connections = Connections.Open(options.PeerEndpoints(parse));
            var result = await new LifecycleClient(signer, time).QueryInstalledAsync(connections.SinglePeer("queryinstalled"), cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await output.WriteLineAsync(PeerCliJson.Format(result)).ConfigureAwait(false);
                return;
            }

            await output.WriteLineAsync("Installed chaincodes on peer:").ConfigureAwait(false);
            foreach (var installed in result.InstalledChaincodes)
            {
                await output.WriteLineAsync($"Package ID: {installed.PackageId}, Label: {installed.Label}").ConfigureAwait(false);
            }
        });
        return command;
    }
}
