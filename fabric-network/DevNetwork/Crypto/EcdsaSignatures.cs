using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace Fabric.DevNetwork.Crypto;

/// <summary>
/// ECDSA P-256 over SHA-256 with DER signatures, as Fabric signs and verifies: a signature whose S is above half the
/// curve order is rejected (Fabric accepts only low-S), and our own signatures are normalized to low-S.
/// </summary>
internal static class EcdsaSignatures
{
    private static readonly BigInteger CurveOrder = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    private static readonly BigInteger HalfOrder = CurveOrder >> 1;

    public static byte[] Sign(ECDsa key, ReadOnlySpan<byte> data)
    {
        var der = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var (r, s) = Decode(der);
        return s > HalfOrder ? Encode(r, CurveOrder - s) : der;
    }

    public static bool Verify(ECDsa publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> derSignature)
    {
        BigInteger s;
        try
        {
            (_, s) = Decode(derSignature.ToArray());
        }
        catch (AsnContentException)
        {
            return false;
        }

        return s.Sign > 0 && s <= HalfOrder
            && publicKey.VerifyData(data, derSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static (BigInteger R, BigInteger S) Decode(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        var r = sequence.ReadInteger();
        var s = sequence.ReadInteger();
        sequence.ThrowIfNotEmpty();
        reader.ThrowIfNotEmpty();
        return (r, s);
    }

    private static byte[] Encode(BigInteger r, BigInteger s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }
}
