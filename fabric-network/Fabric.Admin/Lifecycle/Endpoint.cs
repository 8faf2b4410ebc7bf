using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.Gateway.Client;
using Grpc.Net.Client;

namespace Fabric.Admin.Lifecycle;

/// <summary>
/// Where a peer or orderer listens and how to reach it: <c>host:port</c> (TLS when a TLS CA file is given) or a full
/// <c>http://</c> / <c>https://</c> address, the TLS CA, an optional server name (the name in its TLS certificate when
/// it differs from the host) and an optional client certificate for mutual TLS.
/// </summary>
internal sealed record Endpoint(string Address, string? TlsCaFile = null, string? ServerName = null, string? ClientCertFile = null, string? ClientKeyFile = null)
{
    public Uri ToUri()
    {
        if (Address.Contains("://", StringComparison.Ordinal))
        {
            return Uri.TryCreate(Address, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
                ? absolute
                : throw new AdminException(AdminErrorKind.InvalidInput, $"'{Address}' is not an http:// or https:// address");
        }

        var scheme = TlsCaFile is null ? "http" : "https";
        return Uri.TryCreate($"{scheme}://{Address}", UriKind.Absolute, out var uri) && uri.Port > 0 && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : throw new AdminException(AdminErrorKind.InvalidInput, $"'{Address}' is not host:port");
    }

    /// <summary>Opens a gRPC channel; files are checked here so that a typo is reported before anything is sent.</summary>
    public GrpcChannel OpenChannel()
    {
        var uri = ToUri();
        foreach (var (file, option) in new[] { (TlsCaFile, "TLS CA"), (ClientCertFile, "TLS client certificate"), (ClientKeyFile, "TLS client key") })
        {
            if (file is not null && !File.Exists(file))
            {
                throw new AdminException(AdminErrorKind.InvalidInput, $"{option} file {file} (for {Address}) does not exist");
            }
        }

        try
        {
            return FabricChannels.Create(uri, new FabricChannelOptions
            {
                TlsRootCertificatePath = TlsCaFile,
                ServerNameOverride = ServerName,
                ClientCertificatePath = ClientCertFile,
                ClientKeyPath = ClientKeyFile,
            });
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"cannot connect to {Address}: {e.Message}", e);
        }
    }

    /// <summary>SHA-256 of the TLS client certificate, for the deliver request's TLS binding; null without mutual TLS.</summary>
    public byte[]? ClientCertificateHash()
    {
        if (ClientCertFile is null)
        {
            return null;
        }

        using var certificate = X509Certificate2.CreateFromPemFile(ClientCertFile);
        return SHA256.HashData(certificate.RawData);
    }

    public override string ToString() => Address;
}
