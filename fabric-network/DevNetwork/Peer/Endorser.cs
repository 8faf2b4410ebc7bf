using System.Security.Cryptography;
using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Msp;
using Fabric.DevNetwork.Protocol;
using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Peer;

/// <summary>
/// What protos.Endorser/ProcessProposal returned: the response and, when the proposal was rejected before the
/// chaincode ran (malformed, access denied), the error that a Fabric peer returns alongside it.
/// </summary>
internal sealed record EndorsementResult(ProposalResponse Response, string? Error, string ChannelId = "", string TxId = "");

/// <summary>
/// A peer's endorser: checks a signed proposal (headers, creator's membership and signature, transaction ID,
/// duplicates), runs the chaincode through the peer's runtime, and signs the ProposalResponsePayload (proposal hash and
/// ChaincodeAction with the read-write set, event and response). Private writes go to the transient stores of the
/// peers of each collection's member organizations, as Fabric's gossip dissemination does.
/// </summary>
internal sealed class Endorser(PeerNode peer)
{
    public async Task<EndorsementResult> ProcessProposalAsync(SignedProposal signedProposal, CancellationToken cancellationToken)
    {
        UnpackedProposal proposal;
        try
        {
            proposal = UnpackedProposal.Unpack(signedProposal);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            return Rejected(e.Message);
        }

        var header = proposal.ChannelHeader;
        if ((HeaderType)header.Type != HeaderType.EndorserTransaction)
        {
            return Rejected($"invalid header type {(HeaderType)header.Type}");
        }

        if (!peer.Channels.TryGetValue(header.ChannelId, out var channel))
        {
            return Rejected($"channel '{header.ChannelId}' not found");
        }

        MspIdentity creator;
        try
        {
            creator = channel.Members.VerifySignature(proposal.SignatureHeader.Creator, signedProposal.ProposalBytes.Span, signedProposal.Signature);
        }
        catch (MspValidationException)
        {
            return Rejected($"access denied: channel [{header.ChannelId}] creator org [{CreatorMspId(proposal.SignatureHeader.Creator)}]");
        }

        var expectedTxId = ParsedEnvelope.ComputeTxIdFor(proposal.SignatureHeader);
        if (header.TxId != expectedTxId)
        {
            return Rejected($"invalid txID. got [{header.TxId}], expected [{expectedTxId}]");
        }

        if (channel.Index.Contains(header.TxId))
        {
            return Rejected($"duplicate transaction found [{header.TxId}]. Creator [{Convert.ToHexStringLower(proposal.SignatureHeader.Creator.Span)}]");
        }

        var name = proposal.Invocation.ChaincodeSpec?.ChaincodeId?.Name ?? "";
        if (!channel.Chaincodes.TryGetValue(name, out var definition))
        {
            return Failed($"make sure the chaincode {name} has been successfully defined on channel {header.ChannelId} and try again: chaincode {name} not found");
        }

        var input = proposal.Invocation.ChaincodeSpec!.Input ?? new ChaincodeInput();
        ChaincodeExecutionResult result;
        try
        {
            result = await peer.Runtime.ExecuteAsync(new ChaincodeInvocation(
                header.ChannelId, name, header.TxId, input.IsInit, signedProposal, input,
                proposal.Payload.TransientMap.ToDictionary(p => p.Key, p => p.Value.ToByteArray(), StringComparer.Ordinal),
                channel.State, channel.Collections, peer.MspId, creator.MspId), cancellationToken).ConfigureAwait(false);
        }
        catch (ChaincodeUnavailableException e)
        {
            return Failed(e.Message);
        }

        var action = new ChaincodeAction
        {
            Results = result.ReadWriteSet.ToByteString(),
            Events = result.Event?.ToByteString() ?? ByteString.Empty,
            Response = result.Response,
            ChaincodeId = new ChaincodeID { Name = name, Version = definition.Version },
        };
        var payload = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(proposal.Hash()),
            Extension = action.ToByteString(),
        }.ToByteString();

        var response = new ProposalResponse { Version = 1, Response = result.Response, Payload = payload };
        if (result.Response.Status >= 400)
        {
            return new EndorsementResult(response, null, header.ChannelId, header.TxId);
        }

        byte[] signed = [.. payload.Span, .. peer.Identity.Serialized.Span];
        response.Endorsement = new Endorsement { Endorser = peer.Identity.Serialized, Signature = ByteString.CopyFrom(peer.Identity.Sign(signed)) };
        if (result.PrivateWrites is { NsPvtRwset.Count: > 0 } privateWrites)
        {
            peer.Network?.DistributePrivateData(header.ChannelId, header.TxId, privateWrites, definition);
        }

        return new EndorsementResult(response, null, header.ChannelId, header.TxId);

        EndorsementResult Rejected(string message) =>
            new(new ProposalResponse { Response = new Response { Status = 500, Message = message } }, message);

        EndorsementResult Failed(string message) =>
            new(new ProposalResponse { Response = new Response { Status = 500, Message = message } }, null);
    }

    private static string CreatorMspId(ByteString creator)
    {
        try
        {
            return Fabric.Protos.Msp.SerializedIdentity.Parser.ParseFrom(creator).Mspid;
        }
        catch (InvalidProtocolBufferException)
        {
            return "unknown";
        }
    }
}

/// <summary>A signed proposal decoded layer by layer.</summary>
internal sealed record UnpackedProposal(
    Proposal Proposal, Header Header, ChannelHeader ChannelHeader, SignatureHeader SignatureHeader,
    ChaincodeProposalPayload Payload, ChaincodeInvocationSpec Invocation)
{
    public static UnpackedProposal Unpack(SignedProposal signedProposal)
    {
        if (signedProposal is null || signedProposal.ProposalBytes.IsEmpty)
        {
            throw new FormatException("a signed proposal is required");
        }

        var proposal = Proposal.Parser.ParseFrom(signedProposal.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var invocation = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input);
        if (invocation.ChaincodeSpec?.ChaincodeId is null || invocation.ChaincodeSpec.ChaincodeId.Name.Length == 0)
        {
            throw new FormatException($"no chaincode name is provided, channel id [{channelHeader.ChannelId}]");
        }

        return new UnpackedProposal(proposal, header, channelHeader, signatureHeader, payload, invocation);
    }

    /// <summary>The payload without its transient map, as it goes into the transaction.</summary>
    public ByteString PayloadWithoutTransient() => new ChaincodeProposalPayload { Input = Payload.Input }.ToByteString();

    /// <summary>Fabric's proposal hash: SHA-256(channel header || signature header || payload without transient data).</summary>
    public byte[] Hash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Header.ChannelHeader.Span);
        hash.AppendData(Header.SignatureHeader.Span);
        hash.AppendData(PayloadWithoutTransient().Span);
        return hash.GetHashAndReset();
    }
}
