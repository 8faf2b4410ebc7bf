using System.CommandLine;
using Fabric.Admin.Packaging;

namespace Fabric.Admin.Cli;

/// <summary><c>package</c>: writes a chaincode-as-a-service package (metadata.json + code.tar.gz with connection.json).</summary>
internal static class PackageCommand
{
    public static Command Create(TimeProvider time)
    {
        var file = new Argument<FileInfo>("file") { Description = "Package file to write, e.g. trade-finance.tar.gz." };
        var label = new Option<string>("--label") { Description = "Package label, e.g. trade-finance_1.0 (letters, digits, '.+-_').", Required = true };
        var address = new Option<string>("--address") { Description = "host:port where the peer dials the chaincode.", Required = true };
        var dialTimeout = new Option<string>("--dial-timeout") { Description = "How long the peer waits to connect. Default: 10s.", DefaultValueFactory = _ => "10s" };
        var tls = new Option<bool>("--tls") { Description = "The chaincode serves TLS (tls_required)." };
        var rootCert = new Option<FileInfo?>("--root-cert") { Description = "PEM file of the CA that issued the chaincode's TLS certificate (root_cert)." };
        var clientAuth = new Option<bool>("--client-auth") { Description = "The chaincode requires the peer's client certificate (client_auth_required)." };
        var clientCert = new Option<FileInfo?>("--client-cert") { Description = "PEM file of the peer's TLS client certificate (client_cert)." };
        var clientKey = new Option<FileInfo?>("--client-key") { Description = "PEM file of the peer's TLS client key (client_key); it is written into the package only." };
        var command = new Command("package", "Create a chaincode-as-a-service package and print its package ID.")
        {
            file, label, address, dialTimeout, tls, rootCert, clientAuth, clientCert, clientKey,
        };
        command.SetAdminAction(null, time, async (parse, output, cancellationToken) =>
        {
            if (!Durations.TryParse(parse.GetValue(dialTimeout)!, out _))
            {
                throw new AdminException(AdminErrorKind.InvalidInput, $"--dial-timeout '{parse.GetValue(dialTimeout)}' is not a duration such as 10s");
            }

            var connection = new ChaincodeConnection
            {
                Address = parse.GetValue(address)!,
                DialTimeout = parse.GetValue(dialTimeout)!,
                TlsRequired = parse.GetValue(tls),
                ClientAuthRequired = parse.GetValue(clientAuth),
                RootCertPem = await ReadPemAsync(parse.GetValue(rootCert), "--root-cert", cancellationToken).ConfigureAwait(false),
                ClientCertPem = await ReadPemAsync(parse.GetValue(clientCert), "--client-cert", cancellationToken).ConfigureAwait(false),
                ClientKeyPem = await ReadPemAsync(parse.GetValue(clientKey), "--client-key", cancellationToken).ConfigureAwait(false),
            };
            var package = ChaincodePackage.CreateCcaas(parse.GetValue(label)!, connection);
            var target = parse.GetValue(file)!;
            await File.WriteAllBytesAsync(target.FullName, package, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Wrote {target.FullName}").ConfigureAwait(false);
            await output.WriteLineAsync($"Package ID: {ChaincodePackage.CalculatePackageId(package)}").ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<string?> ReadPemAsync(FileInfo? file, string option, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }

        if (!file.Exists)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"{option} file {file.FullName} does not exist");
        }

        var pem = await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        return pem.Contains("-----BEGIN ", StringComparison.Ordinal)
            ? pem
            : throw new AdminException(AdminErrorKind.InvalidInput, $"{option} file {file.FullName} is not PEM");
    }
}
