using Fabric.DevNetwork.Crypto;
using Fabric.DevNetwork.Storage;
using Fabric.Protos.Common;
using Google.Protobuf;

namespace Fabric.DevNetwork.Orderer;

/// <summary>
/// Fills a new block's metadata as Fabric's orderer does: five entries, SIGNATURES holding OrdererBlockMetadata
/// (last config index) and the orderer's signature over value || signature header || ASN.1 header bytes.
/// </summary>
internal static class BlockSigning
{
    private const int MetadataEntries = 5;

    public static void AddMetadata(Block block, SigningIdentity orderer)
    {
        block.Metadata ??= new BlockMetadata();
        while (block.Metadata.Metadata.Count < MetadataEntries)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        var value = new OrdererBlockMetadata { LastConfig = new LastConfig { Index = 0 } }.ToByteString();
        var signatureHeader = new SignatureHeader
        {
            Creator = orderer.Serialized,
            Nonce = ByteString.CopyFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
        }.ToByteString();
        byte[] signed = [.. value.Span, .. signatureHeader.Span, .. BlockHashing.HeaderBytes(block.Header)];
        var signatures = new Metadata { Value = value };
        signatures.Signatures.Add(new MetadataSignature { SignatureHeader = signatureHeader, Signature = ByteString.CopyFrom(orderer.Sign(signed)) });
        block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = signatures.ToByteString();
        block.Metadata.Metadata[(int)BlockMetadataIndex.LastConfig] = new Metadata { Value = new LastConfig { Index = 0 }.ToByteString() }.ToByteString();
    }
}
