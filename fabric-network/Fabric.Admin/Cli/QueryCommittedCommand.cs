using System.CommandLine;
using Fabric.Admin.Lifecycle;

namespace Fabric.Admin.Cli;

/// <summary><c>querycommitted</c>: the committed definition of a chaincode (or of all chaincodes) on a channel, in the peer CLI's text format or as JSON.</summary>
internal static class QueryCommittedCommand
{
    public static Command Create(TimeProvider time)
    {
        var options = new AdminOptions();
        var command = new Command("querycommitted", "Show the committed chaincode definitions on a channel.") { options.Channel, options.Name, options.Output };
        options.AddPeers(command);
        options.AddIdentity(command);
        command.SetAdminAction(options.Timeout, time, async (parse, output, cancellationToken) =>
        {
            var json = options.Json(parse);
            var channel = options.RequireChannel(parse);
            var name = parse.GetValue(options.Name);
            var signer = await options.LoadSignerAsync(parse, cancellationToken).ConfigureAwait(false);
            using var connections = Connections.Open(options.PeerEndpoints(parse));
            var peer = connections.SinglePeer("querycommitted");
            var client = new LifecycleClient(signer, time);
            if (string.IsNullOrEmpty(name))
            {
                var all = await client.QueryAllCommittedAsync(peer, channel, cancellationToken).ConfigureAwait(false);
                if (json)
                {
                    await output.WriteLineAsync(PeerCliJson.Format(all)).ConfigureAwait(false);
                    return;
                }

                await output.WriteLineAsync($"Committed chaincode definitions on channel '{channel}':").ConfigureAwait(false);
                foreach (var definition in all.ChaincodeDefinitions)
                {
                    await output.WriteLineAsync(
                        $"Name: {definition.Name}, Version: {definition.Version}, Sequence: {definition.Sequence}, Endorsement Plugin: {definition.EndorsementPlugin}, Validation Plugin: {definition.ValidationPlugin}").ConfigureAwait(false);
                }

                return;
            }

            var result = await client.QueryCommittedAsync(peer, channel, name, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await output.WriteLineAsync(PeerCliJson.Format(result)).ConfigureAwait(false);
                return;
            }

            var approvals = string.Join(", ", result.Approvals.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {(a.Value ? "true" : "false")}"));
            await output.WriteLineAsync($"Committed chaincode definition for chaincode '{name}' on channel '{channel}':").ConfigureAwait(false);
            await output.WriteLineAsync(
                $"Version: {result.Version}, Sequence: {result.Sequence}, Endorsement Plugin: {result.EndorsementPlugin}, Validation Plugin: {result.ValidationPlugin}, Approvals: [{approvals}]").ConfigureAwait(false);
        });
        return command;
    }
}
