using System.CommandLine;
using Fabric.Admin.Lifecycle;

namespace Fabric.Admin.Cli;

/// <summary><c>checkcommitreadiness</c>: which organizations approved exactly this definition.</summary>
internal static class CheckCommitReadinessCommand
{
    public static Command Create(TimeProvider time)
    {
        var options = new AdminOptions();
        var command = new Command("checkcommitreadiness", "Show which organizations approved a chaincode definition.") { options.Output };
        options.AddPeers(command);
        options.AddDefinition(command);
        options.AddIdentity(command);
        command.SetAdminAction(options.Timeout, time, async (parse, output, cancellationToken) =>
        {
            var json = options.Json(parse);
            var channel = options.RequireChannel(parse);
            var definition = await options.ReadDefinitionAsync(parse, cancellationToken).ConfigureAwait(false);
            var signer = await options.LoadSignerAsync(parse, cancellationToken).ConfigureAwait(false);
            using var connections = Connections.Open(options.PeerEndpoints(parse));
            var result = await new LifecycleClient(signer, time)
                .CheckCommitReadinessAsync(connections.SinglePeer("checkcommitreadiness"), channel, definition, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await output.WriteLineAsync(PeerCliJson.Format(result)).ConfigureAwait(false);
                return;
            }

            await output.WriteLineAsync(
                $"Chaincode definition for chaincode '{definition.Name}', version '{definition.Version}', sequence '{definition.Sequence}' on channel '{channel}' approval status by org:").ConfigureAwait(false);
            foreach (var (org, approved) in result.Approvals.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                await output.WriteLineAsync($"{org}: {(approved ? "true" : "false")}").ConfigureAwait(false);
            }
        });
        return command;
    }
}
