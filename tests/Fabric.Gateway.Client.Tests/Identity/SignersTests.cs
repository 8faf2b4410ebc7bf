using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.Client.Identity.Internal;

namespace Fabric.Gateway.Client.Tests.Identity;

public sealed class SignersTests
{
    public static TheoryData<string, bool> Keys => new()
    {
        { "P-256", true },
        { "P-256", false },
        { "P-384", true },
        { "P-384", false },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task CreateFromPem_Pkcs8OrSec1Key_SignaturesVerifyAndAreLowS(string curveName, bool pkcs8)
    {
        using var key = ECDsa.Create(curveName == "P-256" ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        var pem = pkcs8 ? key.ExportPkcs8PrivateKeyPem() : key.ExportECPrivateKeyPem();
        pem.Should().Contain(pkcs8 ? "BEGIN PRIVATE KEY" : "BEGIN EC PRIVATE KEY");
        var signer = Signers.CreateFromPem(pem);
        var order = EcdsaSignatures.OrderForKeySize(key.KeySize);

        // Enough signatures that roughly half would be high-S without normalization.
        for (var i = 0; i < 64; i++)
        {
            var digest = SHA256.HashData(BitConverter.GetBytes(i));
            var signature = await signer.SignAsync(digest);

            key.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
            var (_, s) = EcdsaSignatures.DecodeDer(signature);
            EcdsaSignatures.IsLowS(s, order).Should().BeTrue();
        }
    }

    [Fact]
    public void CreateFromPem_P521Key_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var act = () => Signers.CreateFromPem(key.ExportPkcs8PrivateKeyPem());
        act.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void CreateFromPem_RsaKey_Throws()
    {
        using var rsa = RSA.Create(2048);
        var act = () => Signers.CreateFromPem(rsa.ExportPkcs8PrivateKeyPem());
        act.Should().Throw<Exception>();
    }

    [Fact]
    public async Task Create_KeyDisposedAfterwards_SignerKeepsWorking()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportSubjectPublicKeyInfo();
        var signer = Signers.Create(key);
        key.Dispose();

        var digest = SHA256.HashData([1, 2, 3]);
        var signature = await signer.SignAsync(digest);

        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(publicKey, out _);
        verifier.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
    }

    [Fact]
    public void P1363ToLowSDer_HighS_IsReplacedByOrderMinusS()
    {
        var order = EcdsaSignatures.OrderForKeySize(256);
        var r = new BigInteger(12345);
        var highS = order - 7;
        var p1363 = new byte[64];
        r.TryWriteBytes(p1363.AsSpan(0, 32)[(32 - r.GetByteCount(true))..], out _, isUnsigned: true, isBigEndian: true);
        highS.TryWriteBytes(p1363.AsSpan(32, 32), out _, isUnsigned: true, isBigEndian: true);

        var der = EcdsaSignatures.P1363ToLowSDer(p1363, order);

        var (decodedR, decodedS) = EcdsaSignatures.DecodeDer(der);
        decodedR.Should().Be(r);
        decodedS.Should().Be(new BigInteger(7));
        new AsnReader(der, AsnEncodingRules.DER).PeekTag().Should().Be(Asn1Tag.Sequence);
    }

    [Fact]
    public void ToLowS_SAtHalfOrder_IsKept()
    {
        var order = EcdsaSignatures.OrderForKeySize(384);
        var half = order >> 1;

        EcdsaSignatures.ToLowS(half, order).Should().Be(half);
        EcdsaSignatures.ToLowS(half + 1, order).Should().Be(order - half - 1);
    }
}
