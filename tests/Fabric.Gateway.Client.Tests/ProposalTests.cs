using System.Security.Cryptography;
using Fabric.Gateway.Client.Tests.Support;
using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Msp;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;
using PeerProposal = Fabric.Protos.Peer.Proposal;

namespace Fabric.Gateway.Client.Tests;

/// <summary>The bytes of a proposal, decoded field by field, against what Fabric's endorsers expect.</summary>
public sealed class ProposalTests
{
    [Fact]
    public async Task NewProposal_Options_EncodesEndorserTransactionExactly()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var test = await TestGateway.StartAsync(timeProvider: clock);
        var options = new ProposalOptions().AddArguments("a1", "red").AddTransientData("secret", "s3cr3t")
            .AddEndorsingOrganizations("Org2MSP");

        var proposal = test.Network.GetContract("trade-finance", "LetterOfCredit").NewProposal("Issue", options);

        var proposed = ProposedTransaction.Parser.ParseFrom(proposal.GetBytes());
        proposed.TransactionId.Should().Be(proposal.TransactionId);
        proposed.EndorsingOrganizations.Should().Equal("Org2MSP");
        proposed.Proposal.Signature.IsEmpty.Should().BeTrue("signing happens when the proposal is sent");

        var decoded = PeerProposal.Parser.ParseFrom(proposed.Proposal.ProposalBytes);
        var header = Header.Parser.ParseFrom(decoded.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        channelHeader.Type.Should().Be((int)HeaderType.EndorserTransaction);
        channelHeader.ChannelId.Should().Be(TestGateway.Channel);
        channelHeader.TxId.Should().Be(proposal.TransactionId);
        channelHeader.Epoch.Should().Be(0);
        channelHeader.Timestamp.ToDateTimeOffset().Should().Be(clock.GetUtcNow());
        ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension).ChaincodeId.Name.Should().Be("trade-finance");

        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        signatureHeader.Nonce.Length.Should().Be(24);
        SerializedIdentity.Parser.ParseFrom(signatureHeader.Creator).Mspid.Should().Be("Org1MSP");
        var expectedId = Convert.ToHexStringLower(SHA256.HashData([.. signatureHeader.Nonce.Span, .. signatureHeader.Creator.Span]));
        proposal.TransactionId.Should().Be(expectedId);

        var payload = ChaincodeProposalPayload.Parser.ParseFrom(decoded.Payload);
        payload.TransientMap["secret"].ToStringUtf8().Should().Be("s3cr3t");
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;
        spec.ChaincodeId.Name.Should().Be("trade-finance");
        spec.Input.Args.Select(a => a.ToStringUtf8()).Should().Equal("LetterOfCredit:Issue", "a1", "red");
        decoded.Extension.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task NewProposal_TwoProposals_HaveDifferentNoncesAndIds()
    {
        await using var test = await TestGateway.StartAsync();

        var first = test.Contract.NewProposal("Tx");
        var second = test.Contract.NewProposal("Tx");

        first.TransactionId.Should().MatchRegex("^[0-9a-f]{64}$");
        second.TransactionId.Should().NotBe(first.TransactionId);
    }

    [Fact]
    public async Task EndorseAsync_PreparedTransaction_CarriesNoTransientDataAndTheResult()
    {
        await using var test = await TestGateway.StartAsync();
        var proposal = test.Contract.NewProposal("Put", new ProposalOptions().AddArguments("k").AddTransientData("private", "v"));

        var transaction = await proposal.EndorseAsync(TestGateway.Timeout);

        var prepared = PreparedTransaction.Parser.ParseFrom(transaction.GetBytes());
        prepared.TransactionId.Should().Be(proposal.TransactionId);
        var payload = Payload.Parser.ParseFrom(prepared.Envelope.Payload);
        var action = ChaincodeActionPayload.Parser.ParseFrom(Protos.Peer.Transaction.Parser.ParseFrom(payload.Data).Actions[0].Payload);
        ChaincodeProposalPayload.Parser.ParseFrom(action.ChaincodeProposalPayload).TransientMap.Should().BeEmpty();
        prepared.Envelope.ToByteArray().AsSpan().IndexOf("private"u8).Should().Be(-1);
        System.Text.Encoding.UTF8.GetString(transaction.Result.Span).Should().Be("Put:k");
        transaction.GetDigest().Should().Equal(SHA256.HashData(prepared.Envelope.Payload.Span));
    }
}
