using System.Security.Cryptography;
using Fabric.Protos.Common;
using Google.Protobuf;

namespace Fabric.DevNetwork.Protocol;

/// <summary>An Envelope with its payload, channel header and signature header decoded.</summary>
internal sealed record ParsedEnvelope(Envelope Envelope, Payload Payload, ChannelHeader ChannelHeader, SignatureHeader SignatureHeader)
{
    public HeaderType Type => (HeaderType)ChannelHeader.Type;

    /// <summary>Decodes the headers; throws <see cref="InvalidProtocolBufferException"/> (or <see cref="FormatException"/>) when malformed.</summary>
    public static ParsedEnvelope Parse(Envelope envelope)
    {
        if (envelope.Payload.IsEmpty)
        {
            throw new FormatException("envelope has no payload");
        }

        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        if (payload.Header is null)
        {
            throw new FormatException("payload has no header");
        }

        var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
        return new ParsedEnvelope(envelope, payload, channelHeader, signatureHeader);
    }

    /// <summary>Fabric's transaction ID: lowercase hex of SHA-256(nonce || creator).</summary>
    public static string ComputeTxId(ByteString nonce, ByteString creator)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(nonce.Span);
        hash.AppendData(creator.Span);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string ComputeTxIdFor(SignatureHeader header) => ComputeTxId(header.Nonce, header.Creator);
}
