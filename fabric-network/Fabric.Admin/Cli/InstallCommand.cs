using System.CommandLine;
using Fabric.Admin.Lifecycle;
using Fabric.Admin.Packaging;

namespace Fabric.Admin.Cli;

/// <summary>
/// <c>install</c>: installs a package on one peer (as an admin of the peer's organization) and checks that the peer
/// computed the same package ID as this CLI; installing an already installed package is reported, not failed.
/// </summary>
internal static class InstallCommand
{
    public static Command Create(TimeProvider time)
    {
        var options = new AdminOptions();
        var file = new Argument<FileInfo>("file") { Description = "Chaincode package file (.tar.gz)." };
        var command = new Command("install", "Install a chaincode package on a peer.") { file };
        options.AddPeers(command);
        options.AddIdentity(command);
        command.SetAdminAction(options.Timeout, time, async (parse, output, cancellationToken) =>
        {
            var package = await PackageFiles.ReadAsync(parse.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            var expected = ChaincodePackage.CalculatePackageId(package);
            var signer = await options.LoadSignerAsync(parse, cancellationToken).ConfigureAwait(false);
            using var connections = Connections.Open(options.PeerEndpoints(parse));
            var peer = connections.SinglePeer("install");
            var client = new LifecycleClient(signer, time);
            try
            {
                var result = await client.InstallAsync(peer, package, cancellationToken).ConfigureAwait(false);
                if (result.PackageId != expected)
                {
                    throw new AdminException(AdminErrorKind.PackageIdMismatch,
                        $"package ID mismatch: {peer.Name} installed the package as {result.PackageId}, but the file's package ID is {expected}");
                }

                await output.WriteLineAsync($"Installed on {peer.Name}. Package ID: {result.PackageId}, Label: {result.Label}").ConfigureAwait(false);
            }
            catch (AdminException e) when (e.Message.Contains("already successfully installed", StringComparison.Ordinal))
            {
                // Fabric refuses a second install of the same package; for scripts that is success.
                await output.WriteLineAsync($"Already installed on {peer.Name}. Package ID: {expected}").ConfigureAwait(false);
            }
        });
        return command;
    }
}
