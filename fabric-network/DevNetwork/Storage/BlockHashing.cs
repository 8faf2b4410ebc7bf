using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using Fabric.Protos.Common;

namespace Fabric.DevNetwork.Storage;

/// <summary>
/// Block hashes as Fabric computes them: the data hash is SHA-256 over the concatenated transaction envelopes; the
/// header hash (the next block's previous_hash) is SHA-256 over the ASN.1 DER SEQUENCE { INTEGER number,
/// OCTET STRING previous_hash, OCTET STRING data_hash }.
/// </summary>
internal static class BlockHashing
{
    public static byte[] DataHash(BlockData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var envelope in data.Data)
        {
            hash.AppendData(envelope.Span);
        }

        return hash.GetHashAndReset();
    }

    public static byte[] HeaderBytes(BlockHeader header)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(header.Number));
            writer.WriteOctetString(header.PreviousHash.Span);
            writer.WriteOctetString(header.DataHash.Span);
        }

        return writer.Encode();
    }

    public static byte[] HeaderHash(BlockHeader header) => SHA256.HashData(HeaderBytes(header));
}
