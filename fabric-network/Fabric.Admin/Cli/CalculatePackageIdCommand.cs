using System.CommandLine;
using Fabric.Admin.Packaging;

namespace Fabric.Admin.Cli;

/// <summary><c>calculatepackageid</c>: the package ID a peer will give a package file (label:sha256 of the file).</summary>
internal static class CalculatePackageIdCommand
{
    public static Command Create(TimeProvider time)
    {
        var file = new Argument<FileInfo>("file") { Description = "Chaincode package file (.tar.gz)." };
        var command = new Command("calculatepackageid", "Print the package ID of a chaincode package file.") { file };
        command.SetAdminAction(null, time, async (parse, output, cancellationToken) =>
        {
            var package = await PackageFiles.ReadAsync(parse.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(ChaincodePackage.CalculatePackageId(package)).ConfigureAwait(false);
        });
        return command;
    }
}

internal static class PackageFiles
{
    public static async Task<byte[]> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"cannot read the package {file.FullName}: {e.Message}", e);
        }
    }
}
