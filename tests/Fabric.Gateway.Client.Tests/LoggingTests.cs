using System.Security.Cryptography;
using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.Client.Tests.Support;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Peer;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fabric.Gateway.Client.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task SubmitAsync_RetriesAndFailures_LogTransactionIdsButNoArgumentsOrTransientData()
    {
        await using var peer = await ScriptedFabricPeer.StartAsync();
        var generated = TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256);
        using var channel = GrpcChannel.ForAddress(peer.Address);
        using var logs = new CapturingLoggerProvider();
        var options = new GatewayOptions { UnavailableRetryDelay = TimeSpan.FromMilliseconds(1), MvccReadConflictRetryAttempts = 1 };
        var gateway = Gateway.Connect(
            channel, new X509Identity(generated.MspId, generated.CertificatePem), Signers.CreateFromPem(generated.PrivateKeyPem), options, logs);
        var attempts = 0;
        peer.State.Chaincode = _ => new ChaincodeOutcome("result-secret"u8.ToArray())
        {
            ValidationCode = Interlocked.Increment(ref attempts) == 1 ? TxValidationCode.MvccReadConflict : TxValidationCode.Valid,
        };
        peer.State.FailNext(PeerMethod.Submit, StatusCode.Unavailable, "orderer down");
        peer.State.FailNext(PeerMethod.Evaluate, StatusCode.Aborted, "failed");

        var contract = gateway.GetNetwork("mychannel").GetContract("basic");
        await contract.SubmitAsync("Pay", new ProposalOptions().AddArguments("argument-secret").AddTransientData("card", "transient-secret"));
        var act = () => contract.EvaluateTransactionAsync("Read", "argument-secret");
        await act.Should().ThrowAsync<GatewayException>();

        logs.Messages.Select(m => m.Id.Id).Should().Contain([1, 2, 3, 4]);
        logs.Messages.Should().Contain(m => m.Message.Contains(peer.State.Endorsed.First().TransactionId, StringComparison.Ordinal));
        logs.Messages.Should().NotContain(m => m.Message.Contains("secret", StringComparison.Ordinal));
    }
}
