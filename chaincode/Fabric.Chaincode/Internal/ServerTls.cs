using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Fabric.Chaincode.Internal;

/// <summary>Kestrel's TLS settings for the chaincode server: the server certificate, and mutual TLS against the client CAs.</summary>
internal static class ServerTls
{
    public static HttpsConnectionAdapterOptions Create(ChaincodeServerOptions options, ILogger logger)
    {
        var certificate = X509Certificate2.CreateFromPem(options.TlsCertificatePem, options.TlsKeyPem);
        var https = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateMode = ClientCertificateMode.NoCertificate,
        };

        if (!string.IsNullOrWhiteSpace(options.ClientCaCertificatesPem))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPem(options.ClientCaCertificatesPem);
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (client, _, _) => IsIssuedByTrustedAuthority(client, authorities, logger);
        }

        return https;
    }

    /// <summary>Builds the client certificate's chain against the configured CAs only (not the machine's roots).</summary>
    internal static bool IsIssuedByTrustedAuthority(X509Certificate2 client, X509Certificate2Collection authorities, ILogger logger)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.ExtraStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(client))
        {
            return true;
        }

        var reasons = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        ChaincodeLog.ClientCertificateRejected(logger, client.Subject, reasons);
        return false;
    }

    public static bool IsMutual(ChaincodeServerOptions options) =>
        !options.TlsDisabled && !string.IsNullOrWhiteSpace(options.ClientCaCertificatesPem);

    public static string Describe(ChaincodeServerOptions options) =>
        options.TlsDisabled ? "disabled" : IsMutual(options) ? "mutual" : "server-only";
}
