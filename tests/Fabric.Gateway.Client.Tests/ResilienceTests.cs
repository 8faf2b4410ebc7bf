using Fabric.Gateway.Client.Tests.Support;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Peer;
using Grpc.Core;

namespace Fabric.Gateway.Client.Tests;

/// <summary>Retries happen only where repeating is safe, and never without bound.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task EvaluateAsync_UnavailableOnce_IsRetried()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.FailNext(PeerMethod.Evaluate, StatusCode.Unavailable, "no endorsers available");

        await test.Contract.EvaluateTransactionAsync("Query");

        test.State.CallCount(PeerMethod.Evaluate).Should().Be(2);
    }

    [Fact]
    public async Task EvaluateAsync_AlwaysUnavailable_StopsAfterConfiguredAttempts()
    {
        var options = TestGateway.FastRetries();
        options.UnavailableRetryAttempts = 2;
        await using var test = await TestGateway.StartAsync(options);
        for (var i = 0; i < 5; i++)
        {
            test.State.FailNext(PeerMethod.Evaluate, StatusCode.Unavailable, "down");
        }

        var act = () => test.Contract.EvaluateTransactionAsync("Query");

        (await act.Should().ThrowAsync<GatewayException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        test.State.CallCount(PeerMethod.Evaluate).Should().Be(3);
    }

    [Fact]
    public async Task EvaluateAsync_NotUnavailable_IsNotRetried()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.FailNext(PeerMethod.Evaluate, StatusCode.FailedPrecondition, "no endorsers found in the gateway's organization");

        var act = () => test.Contract.EvaluateTransactionAsync("Query");

        await act.Should().ThrowAsync<GatewayException>();
        test.State.CallCount(PeerMethod.Evaluate).Should().Be(1);
    }

    [Fact]
    public async Task SubmitAsync_EndorseUnavailable_IsNotRetried()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.FailNext(PeerMethod.Endorse, StatusCode.Unavailable, "endorser unreachable");

        var act = () => test.Contract.SubmitTransactionAsync("Create", "a1");

        (await act.Should().ThrowAsync<EndorseException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        test.State.CallCount(PeerMethod.Endorse).Should().Be(1);
    }

    [Fact]
    public async Task SubmitAsync_SubmitUnavailableOnce_ResendsTheSameSignedTransaction()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.FailNext(PeerMethod.Submit, StatusCode.Unavailable, "no orderers could successfully process transaction");

        await test.Contract.SubmitTransactionAsync("Create", "a1");

        test.State.CallCount(PeerMethod.Submit).Should().Be(2);
        test.State.CallCount(PeerMethod.Endorse).Should().Be(1);
        test.State.Submitted.Should().ContainSingle().Which.Should().Be(test.State.Endorsed.Single().TransactionId);
    }

    [Fact]
    public async Task GetStatusAsync_UnavailableOnce_IsRetried()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.FailNext(PeerMethod.CommitStatus, StatusCode.Unavailable, "peer restarting");

        await test.Contract.SubmitTransactionAsync("Create", "a1");

        test.State.CallCount(PeerMethod.CommitStatus).Should().Be(2);
    }

    [Fact]
    public async Task SubmitAsync_RetriesOff_UnavailableFailsAtOnce()
    {
        var options = TestGateway.FastRetries();
        options.UnavailableRetryAttempts = 0;
        await using var test = await TestGateway.StartAsync(options);
        test.State.FailNext(PeerMethod.Submit, StatusCode.Unavailable, "down");

        var act = () => test.Contract.SubmitTransactionAsync("Create", "a1");

        await act.Should().ThrowAsync<SubmitException>();
        test.State.CallCount(PeerMethod.Submit).Should().Be(1);
    }

    [Fact]
    public async Task SubmitAsync_MvccConflictWithoutOptIn_ThrowsCommitException()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.Chaincode = _ => new ChaincodeOutcome([]) { ValidationCode = TxValidationCode.MvccReadConflict };

        var act = () => test.Contract.SubmitTransactionAsync("Transfer", "a1");

        (await act.Should().ThrowAsync<CommitException>()).Which.ValidationCode.Should().Be(TxValidationCode.MvccReadConflict);
        test.State.CallCount(PeerMethod.Endorse).Should().Be(1);
    }

    [Fact]
    public async Task SubmitAsync_MvccConflictWithOptIn_ReEndorsesWithNewTransactionId()
    {
        var options = TestGateway.FastRetries();
        options.MvccReadConflictRetryAttempts = 2;
        await using var test = await TestGateway.StartAsync(options);
        var attempts = 0;
        test.State.Chaincode = _ => new ChaincodeOutcome("done"u8.ToArray())
        {
            ValidationCode = Interlocked.Increment(ref attempts) == 1 ? TxValidationCode.MvccReadConflict : TxValidationCode.Valid,
        };

        var result = await test.Contract.SubmitTransactionAsync("Transfer", "a1");

        result.Should().Equal("done"u8.ToArray());
        var endorsed = test.State.Endorsed.ToArray();
        endorsed.Should().HaveCount(2);
        endorsed[1].TransactionId.Should().NotBe(endorsed[0].TransactionId);
        endorsed[1].StringArgs.Should().Equal(endorsed[0].StringArgs);
    }

    [Fact]
    public async Task SubmitAsync_MvccConflictEveryTime_StopsAfterConfiguredAttempts()
    {
        var options = TestGateway.FastRetries();
        options.MvccReadConflictRetryAttempts = 2;
        await using var test = await TestGateway.StartAsync(options);
        test.State.Chaincode = _ => new ChaincodeOutcome([]) { ValidationCode = TxValidationCode.MvccReadConflict };

        var act = () => test.Contract.SubmitTransactionAsync("Transfer", "a1");

        await act.Should().ThrowAsync<CommitException>();
        test.State.CallCount(PeerMethod.Endorse).Should().Be(3);
    }

    [Fact]
    public async Task SubmitAsync_OtherInvalidCode_IsNotReEndorsed()
    {
        var options = TestGateway.FastRetries();
        options.MvccReadConflictRetryAttempts = 3;
        await using var test = await TestGateway.StartAsync(options);
        test.State.Chaincode = _ => new ChaincodeOutcome([]) { ValidationCode = TxValidationCode.EndorsementPolicyFailure };

        var act = () => test.Contract.SubmitTransactionAsync("Transfer", "a1");

        await act.Should().ThrowAsync<CommitException>();
        test.State.CallCount(PeerMethod.Endorse).Should().Be(1);
    }
}
