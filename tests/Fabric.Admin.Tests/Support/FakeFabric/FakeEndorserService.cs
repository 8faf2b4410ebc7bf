using System.Security.Cryptography;
using System.Text;
using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Common;
using Fabric.Protos.Msp;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;

namespace Fabric.Admin.Tests.Support.FakeFabric;

/// <summary>
/// A peer's protos.Endorser: checks each signed proposal as a peer does (FabricChecks: signature by the creator,
/// low-S, transaction ID, header type, chaincode header extension), runs it on the fake _lifecycle, and endorses
/// a success with the peer's own key. A refused proposal is an error response, not a gRPC error, as in Fabric.
/// </summary>
internal sealed class FakeEndorserService(FakeFabricNetwork network, FakePeer peer) : Endorser.EndorserBase
{
    public override async Task<ProposalResponse> ProcessProposal(SignedProposal request, ServerCallContext context)
    {
        network.Proposals.Enqueue((peer.MspId, request));
        Invocation invocation;
        try
        {
            var proposal = Proposal.Parser.ParseFrom(request.ProposalBytes);
            var header = Header.Parser.ParseFrom(proposal.Header);
            var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
            (invocation, _, _) = FabricChecks.VerifyProposal(request, channelHeader.ChannelId, channelHeader.TxId, [], HashAlgorithmName.SHA256);
            FabricChecks.Require(invocation.ChaincodeName == "_lifecycle", $"chaincode {invocation.ChaincodeName} is not _lifecycle");
            FabricChecks.Require(invocation.Args.Count == 2, $"_lifecycle takes [function, args], got {invocation.Args.Count} arguments");
        }
        catch (Exception e) when (e is FabricViolationException or InvalidProtocolBufferException)
        {
            network.Violations.Enqueue($"{peer.MspId} proposal: {e.Message}");
            return new ProposalResponse { Response = new Response { Status = 500, Message = e.Message } };
        }

        var function = Encoding.UTF8.GetString(invocation.Args[0]);
        var creator = SerializedIdentityOf(request);
        var answer = network.Lifecycle.Evaluate(peer, invocation.ChannelId, function, ByteString.CopyFrom(invocation.Args[1]), creator.Mspid, IsAdmin(creator));
        var response = new Response { Status = answer.Status, Message = answer.Message, Payload = answer.Payload };
        if (answer.Status != 200)
        {
            return new ProposalResponse { Version = 1, Response = response };
        }

        // The double's stand-in for a read-write set: what to apply at commit, and who asked.
        var results = new ChaincodeInput();
        results.Args.Add(ByteString.CopyFromUtf8(function));
        results.Args.Add(ByteString.CopyFrom(invocation.Args[1]));
        results.Args.Add(ByteString.CopyFromUtf8(creator.Mspid));
        var payload = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(SHA256.HashData(request.ProposalBytes.Span)),
            Extension = new ChaincodeAction { Results = results.ToByteString(), Response = response, ChaincodeId = new ChaincodeID { Name = "_lifecycle" } }.ToByteString(),
        }.ToByteString();
        var endorser = new SerializedIdentity { Mspid = peer.MspId, IdBytes = ByteString.CopyFromUtf8(peer.Identity.CertificatePem) }.ToByteString();
        var signer = Signers.Create(peer.Identity.Key);
        var signature = await signer.SignAsync(SHA256.HashData([.. payload.Span, .. endorser.Span]), context.CancellationToken);
        return new ProposalResponse
        {
            Version = 1,
            Response = response,
            Payload = payload,
            Endorsement = new Endorsement { Endorser = endorser, Signature = ByteString.CopyFrom(signature) },
        };
    }

    private static SerializedIdentity SerializedIdentityOf(SignedProposal request)
    {
        var header = Header.Parser.ParseFrom(Proposal.Parser.ParseFrom(request.ProposalBytes).Header);
        return SerializedIdentity.Parser.ParseFrom(SignatureHeader.Parser.ParseFrom(header.SignatureHeader).Creator);
    }

    // cryptogen with NodeOUs puts the role in the certificate's OU.
    private static bool IsAdmin(SerializedIdentity identity)
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(identity.IdBytes.ToStringUtf8());
        return certificate.Subject.Contains("OU=admin", StringComparison.Ordinal);
    }
}
