using System.CommandLine;
using Fabric.Admin.Lifecycle;
using Fabric.Admin.Packaging;

namespace Fabric.Admin.Cli;

/// <summary>
/// <c>approveformyorg</c>: approves a chaincode definition for the admin's organization: endorsed by the
/// organization's peer(s), ordered, and awaited until committed on them.
/// </summary>
internal static class ApproveCommand
{
    public static Command Create(TimeProvider time)
    {
        var options = new AdminOptions();
        var command = new Command("approveformyorg", "Approve a chaincode definition for your organization.") { options.PackageId };
        options.AddPeers(command);
        options.AddOrderer(command);
        options.AddDefinition(command);
        options.AddIdentity(command);
        command.SetAdminAction(options.Timeout, time, async (parse, output, cancellationToken) =>
        {
            var channel = options.RequireChannel(parse);
            var definition = await options.ReadDefinitionAsync(parse, cancellationToken).ConfigureAwait(false);
            var packageId = parse.GetValue(options.PackageId);
            if (!string.IsNullOrEmpty(packageId) && !ChaincodePackage.IsWellFormedPackageId(packageId))
            {
                throw new AdminException(AdminErrorKind.InvalidInput,
                    $"--package-id '{packageId}' is not a package ID (label:64 hex digits); see 'calculatepackageid' or 'queryinstalled'");
            }

            var signer = await options.LoadSignerAsync(parse, cancellationToken).ConfigureAwait(false);
            using var connections = Connections.Open(options.PeerEndpoints(parse), options.OrdererEndpoint(parse));
            var client = new LifecycleClient(signer, time);
            if (!string.IsNullOrEmpty(packageId))
            {
                await WarnIfNotInstalledAsync(client, connections.Peers[0], packageId, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
            }

            var transactionId = await client.ApproveAsync(connections.Peers, connections.Orderer!, channel, definition, packageId, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(
                $"{signer.Identity.MspId} approved {definition.Name} version {definition.Version} sequence {definition.Sequence} on '{channel}' (transaction {transactionId})").ConfigureAwait(false);
        });
        return command;
    }

    // Approving a package the peer does not have is legal (it may be installed later) but is the usual cause of
    // "chaincode not found" after the commit, so say it now. Best effort: an identity that may approve but not list
    // the peer's packages (or an unreachable peer, reported by the approval itself) just gets no warning.
    private static async Task WarnIfNotInstalledAsync(LifecycleClient client, PeerClient peer, string packageId, TextWriter error, CancellationToken cancellationToken)
    {
        Fabric.Protos.Peer.Lifecycle.QueryInstalledChaincodesResult installed;
        try
        {
            installed = await client.QueryInstalledAsync(peer, cancellationToken).ConfigureAwait(false);
        }
        catch (AdminException e) when (e.Kind is AdminErrorKind.PermissionDenied or AdminErrorKind.Rejected)
        {
            return;
        }

        if (installed.InstalledChaincodes.All(c => c.PackageId != packageId))
        {
            var known = installed.InstalledChaincodes.Count == 0 ? "none" : string.Join(", ", installed.InstalledChaincodes.Select(c => c.PackageId));
            await error.WriteLineAsync(
                $"Warning: package ID mismatch: {packageId} is not installed on {peer.Name} (installed: {known}); the chaincode will not run there until it is").ConfigureAwait(false);
        }
    }
}
