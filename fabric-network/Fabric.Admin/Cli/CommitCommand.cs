using System.CommandLine;
using Fabric.Admin.Lifecycle;

namespace Fabric.Admin.Cli;

/// <summary>
/// <c>commit</c>: commits an approved definition on the channel, endorsed by peers of enough organizations to satisfy
/// the channel's LifecycleEndorsement policy (by default a majority), ordered, and awaited on every given peer.
/// </summary>
internal static class CommitCommand
{
    public static Command Create(TimeProvider time)
    {
        var options = new AdminOptions();
        var command = new Command("commit", "Commit a chaincode definition on a channel.");
        options.AddPeers(command);
        options.AddOrderer(command);
        options.AddDefinition(command);
        options.AddIdentity(command);
        command.SetAdminAction(options.Timeout, time, async (parse, output, cancellationToken) =>
        {
            var channel = options.RequireChannel(parse);
            var definition = await options.ReadDefinitionAsync(parse, cancellationToken).ConfigureAwait(false);
            var signer = await options.LoadSignerAsync(parse, cancellationToken).ConfigureAwait(false);
            using var connections = Connections.Open(options.PeerEndpoints(parse), options.OrdererEndpoint(parse));
            var transactionId = await new LifecycleClient(signer, time)
                .CommitAsync(connections.Peers, connections.Orderer!, channel, definition, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(
                $"Committed {definition.Name} version {definition.Version} sequence {definition.Sequence} on '{channel}' (transaction {transactionId}, on {string.Join(", ", connections.Peers.Select(p => p.Endpoint.Address))})").ConfigureAwait(false);
        });
        return command;
    }
}
