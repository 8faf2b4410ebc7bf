using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// Opens the gRPC channel to a chaincode server as a peer does from connection.json: plaintext without a root
/// certificate; otherwise TLS verified against that root only (and the address's host name), with the client
/// certificate for mutual TLS when one is given.
/// </summary>
internal static class ChaincodeChannelFactory
{
    public static GrpcChannel Create(ChaincodeEndpoint endpoint)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = endpoint.DialTimeout,
            EnableMultipleHttp2Connections = false,
        };
        if (endpoint.RootCertificatePem is null)
        {
            return GrpcChannel.ForAddress($"http://{endpoint.Address}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        }

        var root = X509Certificate2.CreateFromPem(endpoint.RootCertificatePem);
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, root),
        };
        if (endpoint.ClientCertificatePem is not null && endpoint.ClientKeyPem is not null)
        {
            using var pemCertificate = X509Certificate2.CreateFromPem(endpoint.ClientCertificatePem, endpoint.ClientKeyPem);

            // SslStream needs a certificate whose key it can use on every platform: round-trip through PKCS#12.
            var clientCertificate = X509CertificateLoader.LoadPkcs12(pemCertificate.Export(X509ContentType.Pkcs12), null);
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return GrpcChannel.ForAddress($"https://{endpoint.Address}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 root)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var serverCertificate = new X509Certificate2(certificate);
        return chain.Build(serverCertificate);
    }
}
