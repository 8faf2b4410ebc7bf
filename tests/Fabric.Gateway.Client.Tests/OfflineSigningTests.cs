using System.Security.Cryptography;
using System.Text;
using Fabric.Gateway.Client.Tests.Support;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Gateway;

namespace Fabric.Gateway.Client.Tests;

/// <summary>Every signable step done by a signer outside the gateway, from bytes and digests only.</summary>
public sealed class OfflineSigningTests
{
    [Fact]
    public async Task Submit_EveryStepSignedOffline_Commits()
    {
        await using var test = await TestGateway.StartAsync(withSigner: false);
        var gateway = test.Gateway;

        var unsigned = test.Contract.NewProposal("CreateAsset", new ProposalOptions().AddArguments("offline1"));
        unsigned.GetDigest().Should().Equal(SHA256.HashData(ProposedTransaction.Parser.ParseFrom(unsigned.GetBytes()).Proposal.ProposalBytes.Span));
        var proposal = gateway.NewSignedProposal(unsigned.GetBytes(), await test.SignOfflineAsync(unsigned.GetDigest()));
        proposal.TransactionId.Should().Be(unsigned.TransactionId);

        var endorsed = await proposal.EndorseAsync(TestGateway.Timeout);
        var transaction = gateway.NewSignedTransaction(endorsed.GetBytes(), await test.SignOfflineAsync(endorsed.GetDigest()));

        var submitted = await transaction.SubmitAsync(TestGateway.Timeout);
        var commit = gateway.NewSignedCommit(submitted.GetBytes(), await test.SignOfflineAsync(submitted.GetDigest()));
        var status = await commit.GetStatusAsync(TestGateway.Timeout);

        status.IsSuccessful.Should().BeTrue();
        status.TransactionId.Should().Be(unsigned.TransactionId);
        Encoding.UTF8.GetString(transaction.Result.Span).Should().Be("CreateAsset:offline1");
    }

    [Fact]
    public async Task Evaluate_SignedOffline_ReturnsResult()
    {
        await using var test = await TestGateway.StartAsync(withSigner: false);
        var unsigned = test.Contract.NewProposal("ReadAsset", new ProposalOptions().AddArguments("a1"));

        var proposal = test.Gateway.NewSignedProposal(unsigned.GetBytes(), await test.SignOfflineAsync(unsigned.GetDigest()));
        var result = await proposal.EvaluateAsync(TestGateway.Timeout);

        Encoding.UTF8.GetString(result).Should().Be("ReadAsset:a1");
    }

    [Fact]
    public async Task EndorseAsync_NoSignerAndNoSignature_ThrowsBeforeSending()
    {
        await using var test = await TestGateway.StartAsync(withSigner: false);

        var act = () => test.Contract.NewProposal("CreateAsset").EndorseAsync(TestGateway.Timeout);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*without a signer*");
        test.State.CallCount(PeerMethod.Endorse).Should().Be(0);
    }

    [Fact]
    public async Task NewSignedProposal_WrongSignature_PeerRejectsIt()
    {
        await using var test = await TestGateway.StartAsync(withSigner: false);
        test.ExpectViolations = true;
        var unsigned = test.Contract.NewProposal("CreateAsset");

        var proposal = test.Gateway.NewSignedProposal(unsigned.GetBytes(), await test.SignOfflineAsync(SHA256.HashData([1])));
        var act = () => proposal.EndorseAsync(TestGateway.Timeout);

        await act.Should().ThrowAsync<EndorseException>();
        test.State.Violations.Should().ContainSingle().Which.Should().Contain("does not verify");
    }

    [Fact]
    public async Task ChaincodeEvents_RequestSignedOffline_StreamsEvents()
    {
        await using var test = await TestGateway.StartAsync(withSigner: false);
        test.State.Ledger(TestGateway.Channel).AppendEvents(TestGateway.Chaincode, ("tx1", "Created"));
        var unsigned = test.Network.NewChaincodeEventsRequest(TestGateway.Chaincode, new EventsOptions { StartBlock = 0 });

        var request = test.Gateway.NewSignedChaincodeEventsRequest(unsigned.GetBytes(), await test.SignOfflineAsync(unsigned.GetDigest()));

        await foreach (var chaincodeEvent in request.GetEventsAsync(TestGateway.Timeout))
        {
            chaincodeEvent.EventName.Should().Be("Created");
            break;
        }
    }

    [Fact]
    public async Task BlockEvents_RequestSignedOffline_StreamsBlocks()
    {
        await using var test = await TestGateway.StartAsync(withSigner: false);
        test.State.Ledger(TestGateway.Channel).AppendEvents(TestGateway.Chaincode, ("tx1", "Created"));
        var unsigned = test.Network.NewFilteredBlockEventsRequest(new EventsOptions { StartBlock = 0 });

        var request = test.Gateway.NewSignedFilteredBlockEventsRequest(unsigned.GetBytes(), await test.SignOfflineAsync(unsigned.GetDigest()));

        await foreach (var block in request.GetEventsAsync(TestGateway.Timeout))
        {
            block.FilteredTransactions.Should().ContainSingle().Which.Txid.Should().Be("tx1");
            break;
        }
    }

    [Fact]
    public async Task NewProposal_NotAProposal_ThrowsArgumentException()
    {
        await using var test = await TestGateway.StartAsync(withSigner: false);

        var act = () => test.Gateway.NewProposal(new byte[] { 0xFF, 0xFF, 0xFF });

        act.Should().Throw<ArgumentException>();
    }
}
