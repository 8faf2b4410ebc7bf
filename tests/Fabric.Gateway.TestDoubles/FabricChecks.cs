using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.Protos.Common;
using Fabric.Protos.Msp;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Gateway.TestDoubles;

/// <summary>A request that a Fabric peer would reject.</summary>
public sealed class FabricViolationException(string message) : Exception(message);

/// <summary>
/// The checks a Fabric peer applies to client messages, written from Fabric's rules: ECDSA signatures verified
/// with the creator certificate's public key over the hash of exactly the signed bytes, S in the lower half of the
/// curve order, transaction ID = hex(SHA-256(nonce || creator)), header types and contents.
/// </summary>
public static class FabricChecks
{
    private static readonly BigInteger P256Order = new(
        Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"), isUnsigned: true, isBigEndian: true);

    private static readonly BigInteger P384Order = new(
        Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973"),
        isUnsigned: true, isBigEndian: true);

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="message"/> by the serialized identity; returns its MSP ID.</summary>
    public static string VerifySignature(ByteString serializedIdentity, ByteString message, ByteString signature, HashAlgorithmName hash)
    {
        if (signature.IsEmpty)
        {
            throw new FabricViolationException("the message is not signed");
        }

        var identity = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        if (string.IsNullOrEmpty(identity.Mspid))
        {
            throw new FabricViolationException("the creator has no MSP ID");
        }

        using var certificate = X509Certificate2.CreateFromPem(identity.IdBytes.ToStringUtf8());
        using var key = certificate.GetECDsaPublicKey() ?? throw new FabricViolationException("the creator certificate has no ECDSA key");
        var order = key.KeySize switch
        {
            256 => P256Order,
            384 => P384Order,
            _ => throw new FabricViolationException($"unsupported key size {key.KeySize}"),
        };

        BigInteger s;
        try
        {
            var reader = new AsnReader(signature.Memory, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            sequence.ReadInteger();
            s = sequence.ReadInteger();
            sequence.ThrowIfNotEmpty();
            reader.ThrowIfNotEmpty();
        }
        catch (AsnContentException e)
        {
            throw new FabricViolationException("the signature is not DER: " + e.Message);
        }

        if (s > order >> 1)
        {
            throw new FabricViolationException("the signature is high-S (S > N/2); Fabric rejects it");
        }

        var digest = hash == HashAlgorithmName.SHA384 ? SHA384.HashData(message.Span) : SHA256.HashData(message.Span);
        if (!key.VerifyHash(digest, signature.Span, DSASignatureFormat.Rfc3279DerSequence))
        {
            throw new FabricViolationException("the signature does not verify with the creator's public key");
        }

        return identity.Mspid;
    }

    /// <summary>Checks a transaction ID against the nonce and creator it must be derived from.</summary>
    public static void VerifyTransactionId(string transactionId, SignatureHeader signatureHeader)
    {
        if (signatureHeader.Nonce.Length != 24)
        {
            throw new FabricViolationException($"the nonce has {signatureHeader.Nonce.Length} bytes; the clients use 24");
        }

        var expected = Convert.ToHexStringLower(SHA256.HashData([.. signatureHeader.Nonce.Span, .. signatureHeader.Creator.Span]));
        if (transactionId != expected)
        {
            throw new FabricViolationException($"transaction ID {transactionId} is not hex(SHA-256(nonce || creator)) = {expected}");
        }
    }

    /// <summary>Decodes and checks a signed proposal for <c>gateway.Evaluate</c> / <c>Endorse</c>.</summary>
    public static (Invocation Invocation, Header Header, ChaincodeProposalPayload Payload) VerifyProposal(
        SignedProposal signedProposal, string requestChannel, string requestTransactionId, IEnumerable<string> organizations, HashAlgorithmName hash)
    {
        var proposal = Proposal.Parser.ParseFrom(signedProposal.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);

        Require(channelHeader.Type == (int)HeaderType.EndorserTransaction, $"channel header type is {channelHeader.Type}, not ENDORSER_TRANSACTION (3)");
        Require(channelHeader.ChannelId == requestChannel, $"channel header names {channelHeader.ChannelId}, the request {requestChannel}");
        Require(channelHeader.TxId == requestTransactionId, $"channel header tx ID {channelHeader.TxId} differs from the request's {requestTransactionId}");
        Require(channelHeader.Epoch == 0, "epoch must be 0");
        Require(channelHeader.Timestamp is not null, "the channel header has no timestamp");
        Require(proposal.Extension.IsEmpty, "Proposal.extension must be empty");
        VerifyTransactionId(channelHeader.TxId, signatureHeader);
        var mspId = VerifySignature(signatureHeader.Creator, signedProposal.ProposalBytes, signedProposal.Signature, hash);

        var extension = ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;
        if (spec?.ChaincodeId is null || spec.Input is null)
        {
            throw new FabricViolationException("the invocation spec has no chaincode ID or input");
        }

        Require(extension.ChaincodeId?.Name == spec.ChaincodeId.Name,
            $"header extension names chaincode {extension.ChaincodeId?.Name}, the spec {spec.ChaincodeId.Name}");
        Require(spec.Input.Args.Count > 0, "no transaction name in the chaincode input");

        var invocation = new Invocation(
            channelHeader.ChannelId,
            spec.ChaincodeId.Name,
            channelHeader.TxId,
            mspId,
            [.. spec.Input.Args.Select(a => a.ToByteArray())],
            payload.TransientMap.ToDictionary(kv => kv.Key, kv => kv.Value.ToByteArray()),
            [.. organizations]);
        return (invocation, header, payload);
    }

    public static void Require(bool condition, string violation)
    {
        if (!condition)
        {
            throw new FabricViolationException(violation);
        }
    }
}
