using System.Security.Cryptography;
using System.Text;
using Fabric.Gateway.Client.Tests.Support;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Peer;

namespace Fabric.Gateway.Client.Tests;

public sealed class ContractTests
{
    [Fact]
    public async Task EvaluateTransactionAsync_StringArguments_ReachTheChaincodeAndResultReturns()
    {
        await using var test = await TestGateway.StartAsync();

        var result = await test.Contract.EvaluateTransactionAsync("ReadAsset", "asset1", "extra");

        Encoding.UTF8.GetString(result).Should().Be("ReadAsset:asset1,extra");
        var invocation = test.State.Evaluated.Should().ContainSingle().Subject;
        invocation.ChannelId.Should().Be(TestGateway.Channel);
        invocation.ChaincodeName.Should().Be(TestGateway.Chaincode);
        invocation.CreatorMspId.Should().Be("Org1MSP");
    }

    [Fact]
    public async Task EvaluateAsync_TargetOrganizationsAndBytes_AreSent()
    {
        await using var test = await TestGateway.StartAsync();
        var options = new ProposalOptions().AddArguments([0, 1, 255]).AddEndorsingOrganizations("Org2MSP");

        await test.Contract.EvaluateAsync("Query", options, TestGateway.Timeout);

        var invocation = test.State.Evaluated.Should().ContainSingle().Subject;
        invocation.Args[1].Should().Equal(0, 1, 255);
        invocation.Organizations.Should().Equal("Org2MSP");
        test.State.CallCount(PeerMethod.Endorse).Should().Be(0);
    }

    [Fact]
    public async Task SubmitAsync_ValidCommit_ReturnsResultAfterCommit()
    {
        await using var test = await TestGateway.StartAsync();
        var options = new ProposalOptions().AddArguments("asset1", "blue").AddTransientData("price", "100")
            .AddEndorsingOrganizations("Org1MSP", "Org2MSP");

        var result = await test.Contract.SubmitAsync("CreateAsset", options, TestGateway.Timeout);

        Encoding.UTF8.GetString(result).Should().Be("CreateAsset:asset1,blue");
        var invocation = test.State.Endorsed.Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(invocation.Transient["price"]).Should().Be("100");
        invocation.Organizations.Should().Equal("Org1MSP", "Org2MSP");
        test.State.Submitted.Should().Equal(invocation.TransactionId);
        test.State.Ledger(TestGateway.Channel).TryGetTransaction(invocation.TransactionId, out _, out var code).Should().BeTrue();
        code.Should().Be(TxValidationCode.Valid);
        test.State.CallCount(PeerMethod.CommitStatus).Should().Be(1);
    }

    [Fact]
    public async Task SubmitTransactionAsync_NamedContract_QualifiesTheTransactionName()
    {
        await using var test = await TestGateway.StartAsync();

        await test.Network.GetContract(TestGateway.Chaincode, "LetterOfCredit").SubmitTransactionAsync("Issue", "lc1");

        test.State.Endorsed.Should().ContainSingle().Which.Function.Should().Be("LetterOfCredit:Issue");
    }

    [Fact]
    public async Task SubmitToOrdererAsync_ReturnsBeforeCommitStatusIsAsked()
    {
        await using var test = await TestGateway.StartAsync();

        var submitted = await test.Contract.SubmitToOrdererAsync("Transfer", new ProposalOptions().AddArguments("a1"), TestGateway.Timeout);

        Encoding.UTF8.GetString(submitted.Result.Span).Should().Be("Transfer:a1");
        test.State.CallCount(PeerMethod.CommitStatus).Should().Be(0);
        var status = await submitted.GetStatusAsync(TestGateway.Timeout);
        status.IsSuccessful.Should().BeTrue();
        status.TransactionId.Should().Be(submitted.TransactionId);
        status.BlockNumber.Should().Be(0);
    }

    [Fact]
    public async Task SubmitAsync_P384IdentityWithSha384_PeerVerifiesSignatures()
    {
        var options = TestGateway.FastRetries();
        options.DigestAlgorithm = Client.Identity.DigestAlgorithm.Sha384;
        await using var test = await TestGateway.StartAsync(options, ECCurve.NamedCurves.nistP384);
        test.State.SignatureHash = HashAlgorithmName.SHA384;

        var result = await test.Contract.SubmitTransactionAsync("CreateAsset", "a384");

        Encoding.UTF8.GetString(result).Should().Be("CreateAsset:a384");
    }

    [Fact]
    public async Task SubmitAsync_ManyConcurrentTransactions_AllCommitWithDistinctIds()
    {
        await using var test = await TestGateway.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => test.Contract.SubmitTransactionAsync("Create", $"a{i}")));

        test.State.Submitted.Should().HaveCount(20).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task EvaluateAsync_CancelledToken_ThrowsOperationCanceled()
    {
        await using var test = await TestGateway.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => test.Contract.EvaluateAsync("Query", null, cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
