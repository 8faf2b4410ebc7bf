using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using LowS = Fabric.Gateway.Client.Identity.Internal.EcdsaSignatures;

namespace Fabric.DevNetwork.Crypto;

/// <summary>
/// ECDSA over SHA-256 with DER signatures, as Fabric signs and verifies: a signature whose S is above half the
/// curve order is rejected (Fabric accepts only low-S), and our own signatures are normalized to low-S. The DER and
/// low-S encoding is the Gateway client's, so peers and clients cannot drift apart.
/// </summary>
internal static class EcdsaSignatures
{
    public static byte[] Sign(ECDsa key, ReadOnlySpan<byte> data)
    {
        var p1363 = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return LowS.P1363ToLowSDer(p1363, LowS.OrderForKeySize(key.KeySize));
    }

    public static bool Verify(ECDsa publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> derSignature)
    {
        BigInteger s;
        BigInteger order;
        try
        {
            (_, s) = LowS.DecodeDer(derSignature.ToArray());
            order = LowS.OrderForKeySize(publicKey.KeySize);
        }
        catch (Exception e) when (e is AsnContentException or NotSupportedException)
        {
            return false;
        }

        return s.Sign > 0 && LowS.IsLowS(s, order)
            && publicKey.VerifyData(data, derSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}
