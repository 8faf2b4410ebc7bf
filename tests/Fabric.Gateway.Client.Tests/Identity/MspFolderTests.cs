using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.TestDoubles;

namespace Fabric.Gateway.Client.Tests.Identity;

public sealed class MspFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("msp-").FullName;

    [Fact]
    public async Task LoadAsync_CryptogenLayout_LoadsCertificateAndKey()
    {
        var generated = TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256);
        Write("signcerts/User1@org1.example.com-cert.pem", generated.CertificatePem);
        Write("keystore/priv_sk", generated.PrivateKeyPem);

        var credentials = await MspFolder.LoadAsync(_root, "Org1MSP");

        credentials.Identity.MspId.Should().Be("Org1MSP");
        credentials.Identity.CertificatePem.Should().Be(generated.CertificatePem);
        await VerifiesAsync(credentials, generated);
    }

    [Fact]
    public async Task LoadAsync_FabricCaLayoutWithSeveralKeys_PicksTheKeyOfTheCertificate()
    {
        var generated = TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP384);
        var other = TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP384);
        Write("signcerts/cert.pem", generated.CertificatePem);
        Write("keystore/0a1b_sk", other.PrivateKeyPem);
        Write("keystore/ff00_sk", generated.PrivateKeyPem);
        Write("keystore/README", "not a key");

        var credentials = await MspFolder.LoadAsync(_root, "Org1MSP");

        await VerifiesAsync(credentials, generated);
    }

    [Fact]
    public async Task LoadAsync_NoMatchingKey_Throws()
    {
        Write("signcerts/cert.pem", TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256).CertificatePem);
        Write("keystore/priv_sk", TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256).PrivateKeyPem);

        var act = () => MspFolder.LoadAsync(_root, "Org1MSP");

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*No private key*");
    }

    [Fact]
    public async Task LoadAsync_MissingSigncerts_Throws()
    {
        var act = () => MspFolder.LoadAsync(_root, "Org1MSP");
        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*signcerts*");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task VerifiesAsync(MspCredentials credentials, TestIdentity generated)
    {
        var digest = SHA256.HashData([9, 9, 9]);
        var signature = await credentials.Signer.SignAsync(digest);
        using var certificate = credentials.Identity.CreateCertificate();
        using var publicKey = certificate.GetECDsaPublicKey()!;
        publicKey.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
        generated.MspId.Should().Be(credentials.Identity.MspId);
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
