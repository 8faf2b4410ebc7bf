using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.Chaincode.Tests.Support;

/// <summary>A throwaway certificate authority issuing ECDSA P-256 server and client TLS certificates.</summary>
internal sealed class TestPki : IDisposable
{
    private static readonly DateTimeOffset NotBefore = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestPki(string name)
    {
        var request = new CertificateRequest($"CN={name}, O={name}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Certificate = request.CreateSelfSigned(NotBefore, NotBefore.AddYears(50));
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public (string CertificatePem, string KeyPem, X509Certificate2 Certificate) IssueServer(string commonName = "chaincode")
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        return Issue(commonName, san.Build(), new Oid("1.3.6.1.5.5.7.3.1"));
    }

    public (string CertificatePem, string KeyPem, X509Certificate2 Certificate) IssueClient(string commonName = "peer0") =>
        Issue(commonName, null, new Oid("1.3.6.1.5.5.7.3.2"));

    private (string, string, X509Certificate2) Issue(string commonName, X509Extension? san, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, NotBefore, NotBefore.AddYears(10), serial);
        var withKey = issued.CopyWithPrivateKey(key);
        return (withKey.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), withKey);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _caKey.Dispose();
    }
}
