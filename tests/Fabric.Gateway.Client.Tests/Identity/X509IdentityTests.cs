using System.Security.Cryptography;
using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Msp;

namespace Fabric.Gateway.Client.Tests.Identity;

public sealed class X509IdentityTests
{
    [Fact]
    public void Serialize_Identity_IsSerializedIdentityWithPemText()
    {
        var generated = TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256);
        var identity = new X509Identity("Org1MSP", generated.CertificatePem);

        var serialized = SerializedIdentity.Parser.ParseFrom(identity.Serialize().Span);

        serialized.Mspid.Should().Be("Org1MSP");
        serialized.IdBytes.ToStringUtf8().Should().Be(generated.CertificatePem);
    }

    [Fact]
    public void Constructor_NotPem_Throws()
    {
        var act = () => new X509Identity("Org1MSP", "not a certificate");
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void FromCertificate_Certificate_KeepsSubject()
    {
        var generated = TestCertificates.CreateIdentity("Org2MSP", ECCurve.NamedCurves.nistP384, "Admin");
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(generated.CertificatePem);

        var identity = X509Identity.FromCertificate("Org2MSP", certificate);

        using var parsed = identity.CreateCertificate();
        parsed.Subject.Should().Be(certificate.Subject);
        identity.MspId.Should().Be("Org2MSP");
    }
}
