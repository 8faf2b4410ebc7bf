using System.Formats.Asn1;
using System.Numerics;

namespace Fabric.Gateway.Client.Identity.Internal;

/// <summary>
/// ECDSA signature encoding as Fabric requires it: DER SEQUENCE { r, s } with s &lt;= n/2. Fabric's MSP rejects
/// a high-S signature, because (r, n - s) is a second valid signature of the same digest (malleability).
/// </summary>
internal static class EcdsaSignatures
{
    private static readonly BigInteger P256Order = Parse("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly BigInteger P384Order = Parse(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");

    /// <summary>The curve order n for a field size in bits (256 or 384).</summary>
    public static BigInteger OrderForKeySize(int keySizeInBits) => keySizeInBits switch
    {
        256 => P256Order,
        384 => P384Order,
        _ => throw new NotSupportedException($"ECDSA keys of {keySizeInBits} bits are not supported; Fabric uses P-256 and P-384."),
    };

    /// <summary>Turns an IEEE P1363 signature (r || s, fixed width) into low-S DER.</summary>
    public static byte[] P1363ToLowSDer(ReadOnlySpan<byte> p1363, BigInteger order)
    {
        var half = p1363.Length / 2;
        var r = new BigInteger(p1363[..half], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(p1363[half..], isUnsigned: true, isBigEndian: true);
        return EncodeDer(r, ToLowS(s, order));
    }

    /// <summary>s if it is already in the lower half of the order, n - s otherwise.</summary>
    public static BigInteger ToLowS(BigInteger s, BigInteger order) => s > order >> 1 ? order - s : s;

    /// <summary>True when s &lt;= n/2.</summary>
    public static bool IsLowS(BigInteger s, BigInteger order) => s <= order >> 1;

    public static byte[] EncodeDer(BigInteger r, BigInteger s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }

    /// <summary>Reads (r, s) from a DER signature; throws <see cref="AsnContentException"/> if it is not one.</summary>
    public static (BigInteger R, BigInteger S) DecodeDer(ReadOnlyMemory<byte> der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        var r = sequence.ReadInteger();
        var s = sequence.ReadInteger();
        sequence.ThrowIfNotEmpty();
        reader.ThrowIfNotEmpty();
        return (r, s);
    }

    private static BigInteger Parse(string hex) =>
        new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);
}
