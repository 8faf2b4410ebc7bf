using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Fabric.Chaincode.Identity;

namespace Fabric.Chaincode.Testing;

/// <summary>
/// Client certificates for tests, shaped like those a Fabric CA issues: ECDSA P-256, subject
/// <c>C=US, ST=North Carolina, O=Hyperledger, OU=client, CN=&lt;name&gt;</c>, and the Fabric CA attribute extension
/// (OID 1.2.3.4.5.6.7.8.1, JSON <c>{"attrs":{...}}</c>) when attributes are given. The issuer is a throwaway CA.
/// </summary>
public static class TestIdentities
{
    /// <summary>A certificate for <paramref name="commonName"/> carrying <paramref name="attributes"/>.</summary>
    public static X509Certificate2 CreateCertificate(
        string commonName, IReadOnlyDictionary<string, string>? attributes = null, string organizationalUnit = "client")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caName = new X500DistinguishedNameBuilder();
        caName.AddCountryOrRegion("US");
        caName.AddStateOrProvinceName("North Carolina");
        caName.AddOrganizationName("Hyperledger");
        caName.AddCommonName("fabric-ca-server");
        var caRequest = new CertificateRequest(caName.Build(), caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var notBefore = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var ca = caRequest.CreateSelfSigned(notBefore, notBefore.AddYears(50));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("US");
        name.AddStateOrProvinceName("North Carolina");
        name.AddOrganizationName("Hyperledger");
        name.AddOrganizationalUnitName(organizationalUnit);
        name.AddCommonName(commonName);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        if (attributes is { Count: > 0 })
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["attrs"] = attributes });
            request.CertificateExtensions.Add(new X509Extension(ClientIdentity.AttributesExtensionOid, json, critical: false));
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(ca, notBefore, notBefore.AddYears(10), serial);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>A client identity of <paramref name="mspId"/> for <paramref name="commonName"/> with <paramref name="attributes"/>.</summary>
    public static ClientIdentity Create(string mspId, string commonName, IReadOnlyDictionary<string, string>? attributes = null) =>
        ClientIdentity.FromCertificate(mspId, CreateCertificate(commonName, attributes));
}
