using System.CommandLine;
using Fabric.Admin.Lifecycle;
using Fabric.Protos.Peer.Lifecycle;

namespace Fabric.Admin.Cli;

/// <summary><c>queryapproved</c>: the definition the admin's organization approved (the latest one unless --sequence is given).</summary>
internal static class QueryApprovedCommand
{
    public static Command Create(TimeProvider time)
    {
        var options = new AdminOptions();
        var command = new Command("queryapproved", "Show the chaincode definition your organization approved.") { options.Channel, options.Name, options.Sequence, options.Output };
        options.AddPeers(command);
        options.AddIdentity(command);
        command.SetAdminAction(options.Timeout, time, async (parse, output, cancellationToken) =>
        {
            var json = options.Json(parse);
            var channel = options.RequireChannel(parse);
            var name = parse.GetValue(options.Name) is { Length: > 0 } given ? given : throw new AdminException(AdminErrorKind.InvalidInput, "--name is required");
            var signer = await options.LoadSignerAsync(parse, cancellationToken).ConfigureAwait(false);
            using var connections = Connections.Open(options.PeerEndpoints(parse));
            var result = await new LifecycleClient(signer, time)
                .QueryApprovedAsync(connections.SinglePeer("queryapproved"), channel, name, parse.GetValue(options.Sequence), cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await output.WriteLineAsync(PeerCliJson.Format(result)).ConfigureAwait(false);
                return;
            }

            var packageId = result.Source?.TypeCase == ChaincodeSource.TypeOneofCase.LocalPackage ? result.Source.LocalPackage.PackageId : string.Empty;
            await output.WriteLineAsync($"Approved chaincode definition for chaincode '{name}' on channel '{channel}':").ConfigureAwait(false);
            await output.WriteLineAsync(
                $"sequence: {result.Sequence}, version: {result.Version}, init-required: {(result.InitRequired ? "true" : "false")}, package-id: {packageId}, endorsement plugin: {result.EndorsementPlugin}, validation plugin: {result.ValidationPlugin}").ConfigureAwait(false);
        });
        return command;
    }
}
