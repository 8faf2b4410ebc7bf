using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Crypto;
using FluentAssertions;

namespace Fabric.DevNetwork.Tests.Crypto;

public sealed class CryptoMaterialStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "devnet-crypto-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void EnsurePeerOrganization_FirstStart_WritesCryptogenLayout()
    {
        using var org = new CryptoMaterialStore(_root, TimeProvider.System).EnsurePeerOrganization("Org1MSP", "org1.example.com");

        var dir = Path.Combine(_root, "peerOrganizations", "org1.example.com");
        string[] expected =
        [
            "ca/ca.org1.example.com-cert.pem", "ca/priv_sk", "tlsca/tlsca.org1.example.com-cert.pem", "tlsca/priv_sk",
            "msp/cacerts/ca.org1.example.com-cert.pem", "msp/tlscacerts/tlsca.org1.example.com-cert.pem", "msp/config.yaml",
            "peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem", "peers/peer0.org1.example.com/msp/keystore/priv_sk",
            "peers/peer0.org1.example.com/msp/cacerts/ca.org1.example.com-cert.pem", "peers/peer0.org1.example.com/msp/config.yaml",
            "peers/peer0.org1.example.com/tls/ca.crt", "peers/peer0.org1.example.com/tls/server.crt", "peers/peer0.org1.example.com/tls/server.key",
            "users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem", "users/Admin@org1.example.com/msp/keystore/priv_sk",
            "users/User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem", "users/User1@org1.example.com/msp/keystore/priv_sk",
            "users/User1@org1.example.com/tls/client.crt", "users/User1@org1.example.com/tls/client.key",
        ];
        expected.Where(f => !File.Exists(Path.Combine(dir, f))).Should().BeEmpty();
        Directory.Exists(Path.Combine(dir, "msp", "admincerts")).Should().BeTrue();
        File.ReadAllText(Path.Combine(dir, "msp", "config.yaml")).Should().Contain("Enable: true").And.Contain("OrganizationalUnitIdentifier: orderer");
    }

    [Fact]
    public void EnsurePeerOrganization_Certificates_CarryNodeOusAndChainToTheirCas()
    {
        using var org = new CryptoMaterialStore(_root, TimeProvider.System).EnsurePeerOrganization("Org1MSP", "org1.example.com");
        var users = Path.Combine(_root, "peerOrganizations", "org1.example.com", "users");

        OusOf(org.NodeIdentity.Certificate).Should().Equal("peer");
        OusOf(Load(Path.Combine(users, "Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem"))).Should().Equal("admin");
        OusOf(Load(Path.Combine(users, "User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem"))).Should().Equal("client");
        org.NodeIdentity.Certificate.Issuer.Should().Be(org.CaCertificate.Subject);
        org.NodeIdentity.Certificate.GetECDsaPublicKey()!.KeySize.Should().Be(256);
        org.NodeIdentity.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Should().ContainSingle();
        org.TlsServerCertificate.Issuer.Should().Be(org.TlsCaCertificate.Subject);
        org.TlsServerCertificate.HasPrivateKey.Should().BeTrue();
        org.TlsServerCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single()
            .EnumerateDnsNames().Should().Contain(["peer0.org1.example.com", "localhost"]);
    }

    [Fact]
    public void EnsurePeerOrganization_Restart_ReusesExistingMaterial()
    {
        string first;
        using (var org = new CryptoMaterialStore(_root, TimeProvider.System).EnsurePeerOrganization("Org1MSP", "org1.example.com"))
        {
            first = org.CaCertificate.Thumbprint;
        }

        using var again = new CryptoMaterialStore(_root, TimeProvider.System).EnsurePeerOrganization("Org1MSP", "org1.example.com");

        again.CaCertificate.Thumbprint.Should().Be(first);
    }

    [Fact]
    public void EnsureOrdererOrganization_FirstStart_WritesOrdererFolders()
    {
        using var orderer = new CryptoMaterialStore(_root, TimeProvider.System).EnsureOrdererOrganization("OrdererMSP", "example.com", "orderer");

        var node = Path.Combine(_root, "ordererOrganizations", "example.com", "orderers", "orderer.example.com");
        File.Exists(Path.Combine(node, "tls", "server.crt")).Should().BeTrue();
        OusOf(orderer.NodeIdentity.Certificate).Should().Equal("orderer");
    }

    [Fact]
    public void Sign_AnyData_ProducesLowSSignatureThatVerifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "payload"u8.ToArray();

        for (var i = 0; i < 20; i++)
        {
            var signature = EcdsaSignatures.Sign(key, data);
            EcdsaSignatures.Verify(key, data, signature).Should().BeTrue();
        }
    }

    [Fact]
    public void Verify_HighSSignature_IsRejectedThoughMathematicallyValid()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "payload"u8.ToArray();
        var signature = EcdsaSignatures.Sign(key, data);
        var reader = new System.Formats.Asn1.AsnReader(signature, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var r = reader.ReadInteger();
        var s = reader.ReadInteger();
        var order = System.Numerics.BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(order - s);
        }

        var highS = writer.Encode();

        key.VerifyData(data, highS, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
        EcdsaSignatures.Verify(key, data, highS).Should().BeFalse();
    }

    [Fact]
    public void Enroll_WithAttributes_WritesClientCertificateWithFabricCaAttributeExtension()
    {
        using (new CryptoMaterialStore(_root, TimeProvider.System).EnsurePeerOrganization("Org1MSP", "org1.example.com"))
        {
        }

        var directory = UserEnroller.Enroll(_root, "org1.example.com", "alice",
            new Dictionary<string, string> { ["role"] = "applicant", ["company"] = "acme" }, isAdmin: false, TimeProvider.System);

        var certificate = Load(Path.Combine(directory, "msp", "signcerts", "alice@org1.example.com-cert.pem"));
        OusOf(certificate).Should().Equal("client");
        UserEnroller.AttributesOf(certificate).Should().BeEquivalentTo(new Dictionary<string, string> { ["role"] = "applicant", ["company"] = "acme" });
        var raw = certificate.Extensions.Cast<X509Extension>().Single(e => e.Oid!.Value == "1.2.3.4.5.6.7.8.1").RawData;
        System.Text.Encoding.UTF8.GetString(raw).Should().Be("{\"attrs\":{\"role\":\"applicant\",\"company\":\"acme\"}}");
        File.Exists(Path.Combine(directory, "msp", "keystore", "priv_sk")).Should().BeTrue();
    }

    [Fact]
    public void Enroll_ExistingUser_Throws()
    {
        using (new CryptoMaterialStore(_root, TimeProvider.System).EnsurePeerOrganization("Org1MSP", "org1.example.com"))
        {
        }

        var act = () => UserEnroller.Enroll(_root, "org1.example.com", "User1", new Dictionary<string, string>(), false, TimeProvider.System);

        act.Should().Throw<InvalidOperationException>().WithMessage("*already exists*");
    }

    private static X509Certificate2 Load(string path) => X509Certificate2.CreateFromPem(File.ReadAllText(path));

    private static List<string> OusOf(X509Certificate2 certificate) =>
        certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value == "2.5.4.11")
            .Select(r => r.GetSingleElementValue()!)
            .ToList();

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
