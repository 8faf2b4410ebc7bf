using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.Gateway.TestDoubles;

/// <summary>A generated client identity: certificate and private key, both in PEM.</summary>
public sealed record TestIdentity(string MspId, string CertificatePem, string PrivateKeyPem);

/// <summary>Generates ECDSA certificates for tests with CertificateRequest: client identities and TLS material.</summary>
public static class TestCertificates
{
    /// <summary>A self-signed client certificate on P-256 or P-384, the way cryptogen issues user certificates.</summary>
    public static TestIdentity CreateIdentity(string mspId, ECCurve curve, string commonName = "User1")
    {
        using var key = ECDsa.Create(curve);
        var hash = key.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
        var request = new CertificateRequest($"CN={commonName}, OU=client, O={mspId}", key, hash);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return new TestIdentity(mspId, certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>A TLS CA and a server certificate it signed for <paramref name="serverName"/> (with its private key).</summary>
    public static (X509Certificate2 Ca, X509Certificate2 Server) CreateTlsServer(string serverName)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=tlsca.example.com, O=example.com", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={serverName}", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serverName);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(ca, now.AddMinutes(-5), now.AddHours(23), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        // Round trip through PKCS#12 so that SslStream on Linux can use the key.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (ca, server);
    }

    /// <summary>A client TLS certificate signed by <paramref name="ca"/>, as PEM certificate and key.</summary>
    public static (string CertificatePem, string KeyPem) CreateTlsClient(X509Certificate2 ca, string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(ca, now.AddMinutes(-5), new DateTimeOffset(ca.NotAfter).AddMinutes(-1), RandomNumberGenerator.GetBytes(8));
        return (certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
