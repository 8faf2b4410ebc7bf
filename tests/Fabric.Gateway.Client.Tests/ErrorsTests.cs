using System.Text;
using Fabric.Gateway.Client.Tests.Support;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Gateway;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Fabric.Gateway.Client.Tests;

public sealed class ErrorsTests
{
    [Fact]
    public async Task SubmitAsync_ChaincodeFails_EndorseExceptionNamesTheEndorser()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.Chaincode = _ => new ChaincodeOutcome([]) { Status = 500, Message = "asset a1 already exists" };

        var act = () => test.Contract.SubmitTransactionAsync("CreateAsset", "a1");

        var error = (await act.Should().ThrowAsync<EndorseException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Aborted);
        error.TransactionId.Should().Be(test.State.Endorsed.Single().TransactionId);
        error.Details.Should().ContainSingle().Which.Should().Be(
            new EndpointError("peer0.org1.example.com:7051", "Org1MSP", "chaincode response 500, asset a1 already exists"));
        error.Message.Should().Contain("asset a1 already exists");
        test.State.CallCount(PeerMethod.Submit).Should().Be(0);
    }

    [Fact]
    public async Task SubmitAsync_OrdererRejects_SubmitExceptionWithDetails()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.FailNext(PeerMethod.Submit, StatusCode.Aborted, "received unsuccessful response from orderer: status=BAD_REQUEST",
            new ErrorDetail { Address = "orderer.example.com:7050", MspId = "OrdererMSP", Message = "bad request" });

        var act = () => test.Contract.SubmitTransactionAsync("CreateAsset", "a1");

        var error = (await act.Should().ThrowAsync<SubmitException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Aborted);
        error.TransactionId.Should().Be(test.State.Endorsed.Single().TransactionId);
        error.Details.Should().ContainSingle().Which.MspId.Should().Be("OrdererMSP");
    }

    [Fact]
    public async Task GetStatusAsync_PeerFails_CommitStatusException()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.FailNext(PeerMethod.CommitStatus, StatusCode.PermissionDenied, "access denied",
            new ErrorDetail { Address = "peer0.org1.example.com:7051", MspId = "Org1MSP", Message = "not a member" });

        var act = () => test.Contract.SubmitTransactionAsync("CreateAsset", "a1");

        var error = (await act.Should().ThrowAsync<CommitStatusException>()).Which;
        error.StatusCode.Should().Be(StatusCode.PermissionDenied);
        error.TransactionId.Should().Be(test.State.Submitted.Single());
        error.Details.Should().ContainSingle().Which.Message.Should().Be("not a member");
    }

    [Fact]
    public async Task SubmitAsync_InvalidatedAtCommit_CommitExceptionWithValidationCode()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.Chaincode = _ => new ChaincodeOutcome([]) { ValidationCode = TxValidationCode.EndorsementPolicyFailure };

        var act = () => test.Contract.SubmitTransactionAsync("CreateAsset", "a1");

        var error = (await act.Should().ThrowAsync<CommitException>()).Which;
        error.ValidationCode.Should().Be(TxValidationCode.EndorsementPolicyFailure);
        error.TransactionId.Should().Be(test.State.Submitted.Single());
        error.StatusCode.Should().BeNull();
        error.Message.Should().Contain("status code 10 (ENDORSEMENT_POLICY_FAILURE)");
    }

    [Fact]
    public async Task EvaluateAsync_ChaincodeFails_GatewayExceptionWithDetails()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.Chaincode = _ => new ChaincodeOutcome(Encoding.UTF8.GetBytes("ignored")) { Status = 404, Message = "no such asset" };

        var act = () => test.Contract.EvaluateTransactionAsync("ReadAsset", "nope");

        var error = (await act.Should().ThrowAsync<GatewayException>()).Which;
        error.Should().NotBeAssignableTo<TransactionException>();
        error.StatusCode.Should().Be(StatusCode.Unknown);
        error.Details.Should().ContainSingle().Which.Message.Should().Contain("no such asset");
    }

    [Fact]
    public async Task GetStatusAsync_NeverCommitted_TimesOutAsDeadlineExceededOnTheGatewayClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestGateway.StartAsync(timeProvider: clock);
        var unsigned = test.Contract.NewProposal("Orphan");
        var request = Internal.CommitRequests.Create(
            new Internal.SigningIdentity(test.Identity, Client.Identity.Signers.CreateFromPem(test.TestIdentity.PrivateKeyPem), Client.Identity.DigestAlgorithm.Sha256),
            TestGateway.Channel, unsigned.TransactionId);
        var commit = test.Gateway.NewCommit(request.ToByteArray());

        var status = commit.GetStatusAsync(TestGateway.Timeout);
        await test.State.Called(PeerMethod.CommitStatus).WaitAsync(TestGateway.Timeout);
        clock.Advance(TimeSpan.FromSeconds(59));
        status.IsCompleted.Should().BeFalse("the default commit-status timeout is one minute");
        clock.Advance(TimeSpan.FromSeconds(1));

        var error = (await FluentActions.Awaiting(() => status).Should().ThrowAsync<CommitStatusException>()).Which;
        error.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        error.TransactionId.Should().Be(unsigned.TransactionId);
    }
}
