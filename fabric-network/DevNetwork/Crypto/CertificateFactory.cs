using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.DevNetwork.Crypto;

/// <summary>
/// Issues certificates shaped like cryptogen's: ECDSA P-256, SHA-256 signatures, subject key identifier = SHA-256 of
/// the public key point, authority key identifier = the issuer's, NodeOU in the subject's OU.
/// </summary>
internal sealed class CertificateFactory(TimeProvider timeProvider)
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    public (X509Certificate2 Certificate, ECDsa Key) CreateAuthority(string commonName, string organization)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(commonName, organization, null), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(KeyIdentifier(key), critical: false));
        var now = timeProvider.GetUtcNow();
        using var withKey = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity));
        return (X509CertificateLoader.LoadCertificate(withKey.RawData), key);
    }

    /// <param name="organizationalUnit">client, peer, admin or orderer (NodeOUs); null for TLS certificates.</param>
    /// <param name="tlsHostNames">For a TLS server certificate: the DNS names (and localhost/127.0.0.1 are added).</param>
    /// <param name="extraExtensions">e.g. Fabric CA's attribute extension.</param>
    public (X509Certificate2 Certificate, ECDsa Key) Issue(
        X509Certificate2 issuer,
        ECDsa issuerKey,
        string commonName,
        string? organizationalUnit,
        IReadOnlyList<string>? tlsHostNames = null,
        IEnumerable<X509Extension>? extraExtensions = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(commonName, null, organizationalUnit), key, HashAlgorithmName.SHA256);
        var isTls = tlsHostNames is not null;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            isTls ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature,
            critical: true));
        if (isTls)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
            var names = new SubjectAlternativeNameBuilder();
            foreach (var host in tlsHostNames!.Append("localhost").Distinct(StringComparer.OrdinalIgnoreCase))
            {
                names.AddDnsName(host);
            }

            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(KeyIdentifier(key), critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        foreach (var extension in extraExtensions ?? [])
        {
            request.CertificateExtensions.Add(extension);
        }

        var now = timeProvider.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signer = issuer.CopyWithPrivateKey(issuerKey);
        var notAfter = now.Add(Validity) < issuer.NotAfter ? now.Add(Validity) : new DateTimeOffset(issuer.NotAfter.ToUniversalTime());
        var certificate = request.Create(signer, now.AddMinutes(-5), notAfter, serial);
        return (certificate, key);
    }

    /// <summary>Encoded C, ST, L, O, OU, CN like Go's pkix.Name (the builder encodes in reverse order of addition).</summary>
    private static X500DistinguishedName Subject(string commonName, string? organization, string? organizationalUnit)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        if (organizationalUnit is not null)
        {
            builder.AddOrganizationalUnitName(organizationalUnit);
        }

        if (organization is not null)
        {
            builder.AddOrganizationName(organization);
        }

        builder.AddLocalityName("San Francisco");
        builder.AddStateOrProvinceName("California");
        builder.AddCountryOrRegion("US");
        return builder.Build();
    }

    /// <summary>cryptogen's SKI: SHA-256 of the uncompressed public key point.</summary>
    private static byte[] KeyIdentifier(ECDsa key)
    {
        var parameters = key.ExportParameters(false);
        return SHA256.HashData([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]);
    }
}
