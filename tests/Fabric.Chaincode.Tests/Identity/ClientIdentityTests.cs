using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabric.Chaincode.Identity;
using Fabric.Chaincode.Testing;
using Fabric.Chaincode.Tests.Support;
using FluentAssertions;

namespace Fabric.Chaincode.Tests.Identity;

public sealed class ClientIdentityTests
{
    private static readonly Dictionary<string, string> Attributes = new()
    {
        ["hf.Affiliation"] = "org1.department1",
        ["hf.EnrollmentID"] = "user1",
        ["hf.Type"] = "client",
        ["role"] = "applicant",
        ["company"] = "acme",
    };

    [Fact]
    public void FromCreator_FabricCaCertificate_ReadsMspIdAndAttributes()
    {
        using var certificate = TestIdentities.CreateCertificate("user1", Attributes);

        var identity = ClientIdentity.FromCreator(Proposals.Creator("IssuingBankMSP", certificate));

        identity.MspId.Should().Be("IssuingBankMSP");
        identity.GetAttributeValue("role").Should().Be("applicant");
        identity.GetAttributeValue("company").Should().Be("acme");
        identity.GetAttributeValue("missing").Should().BeNull();
        identity.Certificate.Thumbprint.Should().Be(certificate.Thumbprint);
        identity.HasOrganizationalUnit("client").Should().BeTrue();
    }

    [Fact]
    public void Id_FabricCaCertificate_IsGoCidFormat()
    {
        using var certificate = TestIdentities.CreateCertificate("user1", Attributes);

        var identity = ClientIdentity.FromCertificate("Org1MSP", certificate);

        identity.SubjectDistinguishedName.Should().Be("CN=user1,OU=client,O=Hyperledger,ST=North Carolina,C=US");
        identity.IssuerDistinguishedName.Should().Be("CN=fabric-ca-server,O=Hyperledger,ST=North Carolina,C=US");
        Encoding.UTF8.GetString(Convert.FromBase64String(identity.Id)).Should().Be(
            "x509::CN=user1,OU=client,O=Hyperledger,ST=North Carolina,C=US::CN=fabric-ca-server,O=Hyperledger,ST=North Carolina,C=US");
    }

    [Fact]
    public void Id_NameInUnusualOrderWithSpecialCharacters_FollowsGoOrderingAndEscaping()
    {
        // Go keeps C, ST, L, STREET, POSTALCODE, O, OU (each kind as one multi-valued RDN), the last CN and
        // SERIALNUMBER, drops other attributes (here the e-mail), and prints the result in reverse.
        // (The builder encodes the RDNs in the reverse order of these calls.)
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(" #last+ ");
        name.AddOrganizationalUnitName("department1");
        name.AddEmailAddress("user@example.com");
        name.AddOrganizationName("Acme, Inc.");
        name.AddOrganizationalUnitName("client");
        name.AddCommonName("first");
        name.AddCountryOrRegion("GB");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));

        var identity = ClientIdentity.FromCertificate("Org1MSP", certificate);

        identity.SubjectDistinguishedName.Should().Be(@"CN=\ #last\+\ ,OU=client+OU=department1,O=Acme\, Inc.,C=GB");
    }

    [Fact]
    public void AssertAttributeValue_WrongOrMissingValue_Throws403()
    {
        var identity = TestIdentities.Create("Org1MSP", "user1", Attributes);

        identity.AssertAttributeValue("role", "applicant");
        var wrong = () => identity.AssertAttributeValue("role", "beneficiary");
        var missing = () => identity.AssertAttributeValue("clearance", "top");

        wrong.Should().Throw<ChaincodeException>().Which.Status.Should().Be(403);
        missing.Should().Throw<ChaincodeException>().Which.Message.Should().Contain("'clearance' was not found");
    }

    [Fact]
    public void AssertMspId_OtherOrganization_Throws403()
    {
        var identity = TestIdentities.Create("CarrierMSP", "driver");

        identity.AssertMspId("CarrierMSP", "AdvisingBankMSP");
        var other = () => identity.AssertMspId("IssuingBankMSP");

        other.Should().Throw<ChaincodeException>().Which.Status.Should().Be(403);
    }

    [Fact]
    public async Task Attributes_SameCertificate_MatchOfficialFabricShim()
    {
        using var certificate = TestIdentities.CreateCertificate("user1", Attributes);
        var pem = certificate.ExportCertificatePem();

        var reference = await FabricShimReference.AskAsync(new { identity = new { mspId = "Org1MSP", certificatePem = pem } });

        var nodeAttributes = reference["identity"]!["attrs"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        ClientIdentity.FromCertificate("Org1MSP", certificate).Attributes.Should().BeEquivalentTo(nodeAttributes);
        reference["identity"]!["nodeId"]!.GetValue<string>().Should().Be(
            "x509::/C=US/ST=North Carolina/O=Hyperledger/OU=client/CN=user1::/C=US/ST=North Carolina/O=Hyperledger/CN=fabric-ca-server",
            "this documents the Node form, which our Id deliberately does not use");
    }

    [Fact]
    public void FromCreator_NotAnX509Identity_ThrowsArgumentException()
    {
        var creator = new Fabric.Protos.Msp.SerializedIdentity
        {
            Mspid = "Org1MSP",
            IdBytes = Google.Protobuf.ByteString.CopyFromUtf8("idemix credential"),
        };

        var read = () => ClientIdentity.FromCreator(Google.Protobuf.MessageExtensions.ToByteArray(creator));

        read.Should().Throw<ArgumentException>().Which.Message.Should().Contain("idemix");
    }
}
