using System.Security.Cryptography;
using Fabric.Admin;
using Fabric.Admin.Lifecycle;
using Fabric.Admin.Tests.Support;
using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Fabric.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabric.Admin.Tests.Lifecycle;

public sealed class SignedTransactionTests : IDisposable
{
    private readonly TestMsp _admin = TestMsp.Create("Org1MSP", "admin", "Admin@org1.example.com");
    private readonly AdminSigner _signer;

    public SignedTransactionTests()
    {
        _signer = new AdminSigner(new X509Identity(_admin.MspId, _admin.CertificatePem), Signers.Create(_admin.Key));
    }

    [Fact]
    public void Create_Proposal_HasTheLifecycleHeaderAndADerivedTransactionId()
    {
        var proposal = LifecycleProposal.Create(_signer, TimeProvider.System, "mychannel", "CommitChaincodeDefinition", new CommitChaincodeDefinitionArgs { Name = "cc", Sequence = 2 });

        var header = Header.Parser.ParseFrom(proposal.Proposal.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        channelHeader.Type.Should().Be((int)HeaderType.EndorserTransaction);
        channelHeader.ChannelId.Should().Be("mychannel");
        channelHeader.Epoch.Should().Be(0);
        channelHeader.TxId.Should().Be(proposal.TransactionId);
        FabricChecks.VerifyTransactionId(channelHeader.TxId, signatureHeader);
        signatureHeader.Creator.Should().Equal(_signer.Creator);
        ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension).ChaincodeId.Name.Should().Be("_lifecycle");
        var input = ChaincodeInvocationSpec.Parser.ParseFrom(ChaincodeProposalPayload.Parser.ParseFrom(proposal.Proposal.Payload).Input).ChaincodeSpec.Input;
        input.Args[0].ToStringUtf8().Should().Be("CommitChaincodeDefinition");
        CommitChaincodeDefinitionArgs.Parser.ParseFrom(input.Args[1]).Sequence.Should().Be(2);
    }

    [Fact]
    public async Task CreateAsync_Endorsements_BecomeOneSignedActionWithAllOfThem()
    {
        var proposal = NewProposal();
        var payload = ByteString.CopyFromUtf8("same result");

        var envelope = await SignedTransaction.CreateAsync(proposal, [Endorsement("p1", payload, "e1"), Endorsement("p2", payload, "e2")], _signer, CancellationToken.None);

        FabricChecks.VerifySignature(_signer.Creator, envelope.Payload, envelope.Signature, HashAlgorithmName.SHA256).Should().Be("Org1MSP");
        var body = Payload.Parser.ParseFrom(envelope.Payload);
        body.Header.ToByteString().Should().Equal(proposal.Proposal.Header);
        var action = Transaction.Parser.ParseFrom(body.Data).Actions.Single();
        action.Header.Should().Equal(body.Header.SignatureHeader);
        var actionPayload = ChaincodeActionPayload.Parser.ParseFrom(action.Payload);
        actionPayload.Action.ProposalResponsePayload.Should().Equal(payload);
        actionPayload.Action.Endorsements.Select(e => e.Endorser.ToStringUtf8()).Should().Equal("e1", "e2");
        ChaincodeProposalPayload.Parser.ParseFrom(actionPayload.ChaincodeProposalPayload).Input
            .Should().Equal(ChaincodeProposalPayload.Parser.ParseFrom(proposal.Proposal.Payload).Input);
    }

    [Fact]
    public async Task CreateAsync_PeersDisagree_NamesBoth()
    {
        var act = () => SignedTransaction.CreateAsync(NewProposal(),
            [Endorsement("peer a", ByteString.CopyFromUtf8("x"), "e1"), Endorsement("peer b", ByteString.CopyFromUtf8("y"), "e2")], _signer, CancellationToken.None);

        (await act.Should().ThrowAsync<AdminException>()).Which.Message.Should().Contain("peer a").And.Contain("peer b").And.Contain("differ");
    }

    [Fact]
    public async Task CreateAsync_ARefusal_IsReportedNotAssembled()
    {
        var refused = new Endorsed("peer a", new ProposalResponse { Response = new Response { Status = 500, Message = "access denied: creator org unknown" } });

        var act = () => SignedTransaction.CreateAsync(NewProposal(), [refused], _signer, CancellationToken.None);

        (await act.Should().ThrowAsync<AdminException>()).Which.Kind.Should().Be(AdminErrorKind.PermissionDenied);
    }

    public void Dispose() => _admin.Dispose();

    private LifecycleProposal NewProposal() =>
        LifecycleProposal.Create(_signer, TimeProvider.System, "mychannel", "ApproveChaincodeDefinitionForMyOrg", new ApproveChaincodeDefinitionForMyOrgArgs { Name = "cc" });

    private static Endorsed Endorsement(string peer, ByteString payload, string endorser) => new(peer, new ProposalResponse
    {
        Response = new Response { Status = 200 },
        Payload = payload,
        Endorsement = new Endorsement { Endorser = ByteString.CopyFromUtf8(endorser), Signature = ByteString.CopyFromUtf8("sig") },
    });
}
