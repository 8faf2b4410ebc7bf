using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Fabric.Gateway.Client;

/// <summary>
/// Creates gRPC channels to Fabric peers: HTTP/2 over TLS checked against the network's own TLS CA, with optional
/// client certificate and server name override. The caller owns (and disposes) the channel.
/// </summary>
public static class FabricChannels
{
    /// <summary>Creates a channel to <paramref name="address"/> (<c>https://host:port</c>, or <c>http://</c> for a peer without TLS).</summary>
    public static GrpcChannel Create(Uri address, FabricChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new FabricChannelOptions();
        options.Validate(address);

        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
        };

        if (address.Scheme == Uri.UriSchemeHttps)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(options.TlsRootCertificatePath!);
            var expectedName = options.ServerNameOverride ?? address.IdnHost;
            handler.SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, _, _) => certificate is X509Certificate2 peer && IsTrusted(peer, roots, expectedName);
            if (options.ClientCertificatePath is not null)
            {
                using var pemCertificate = X509Certificate2.CreateFromPemFile(options.ClientCertificatePath, options.ClientKeyPath);
                // Re-import so the private key is usable by SslStream on every platform.
                handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(pemCertificate.Export(X509ContentType.Pkcs12), null)];
            }
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
        });
    }

    /// <summary>The SHA-256 of a client TLS certificate, for <see cref="GatewayOptions.TlsClientCertificateHash"/>.</summary>
    public static byte[] TlsCertificateHash(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return SHA256.HashData(certificate.RawData);
    }

    private static bool IsTrusted(X509Certificate2 peer, X509Certificate2Collection roots, string expectedName)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer) && peer.MatchesHostname(expectedName);
    }
}
