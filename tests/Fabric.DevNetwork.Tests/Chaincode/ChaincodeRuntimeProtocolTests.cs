using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Tests.Ledger;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Fabric.Protos.Peer;
using FluentAssertions;
using Google.Protobuf;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>The peer side of protos.Chaincode/Connect against a scripted chaincode: message flow, multiplexing, failures.</summary>
public sealed class ChaincodeRuntimeProtocolTests
{
    private const string PackageId = "scripted_1.0:abc";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);
    private static readonly Dictionary<string, CollectionConfigPackage> NoCollections = [];

    private static async Task<(ChaincodeRuntime Runtime, ScriptedChaincodeServer Server)> StartAsync(Func<ScriptedChaincodeServer.ChaincodeStream, Task> script, TimeSpan? executeTimeout = null)
    {
        var server = await ScriptedChaincodeServer.StartAsync(script);
        var runtime = new ChaincodeRuntime(new ChaincodeRuntimeOptions { ExecuteTimeout = executeTimeout ?? TimeSpan.FromSeconds(15) });
        runtime.Register("mychannel", new ChaincodeEndpoint("scripted", PackageId, server.Address, null, null, null, TimeSpan.FromSeconds(10)));
        return (runtime, server);
    }

    private static ChaincodeInvocation Invocation(IWorldState state, params string[] args) =>
        ProposalFactory.Invocation(state, NoCollections, "scripted", args);

    private static ChaincodeMessage Completed(ChaincodeMessage transaction, string payload) => new()
    {
        Type = MessageType.Completed,
        Txid = transaction.Txid,
        ChannelId = transaction.ChannelId,
        Payload = new Response { Status = 200, Payload = ByteString.CopyFromUtf8(payload) }.ToByteString(),
    };

    [Fact]
    public async Task ExecuteAsync_Transaction_CarriesInputTxIdChannelAndSignedProposal()
    {
        var received = new TaskCompletionSource<ChaincodeMessage>();
        var (runtime, server) = await StartAsync(async chaincode =>
        {
            await chaincode.RegisterAsync(PackageId);
            var transaction = await chaincode.ReceiveAsync();
            received.SetResult(transaction);
            await chaincode.SendAsync(Completed(transaction, "done"));
            await chaincode.ReceiveAsync().ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var _ = server;
        await using var __ = runtime;
        var invocation = Invocation(new WorldState("Org1MSP", _ => null), "fn", "arg");
        using var timeout = new CancellationTokenSource(TestTimeout);

        var result = await runtime.ExecuteAsync(invocation, timeout.Token);

        result.Response.Payload.ToStringUtf8().Should().Be("done");
        var transaction = await received.Task.WaitAsync(TestTimeout);
        transaction.Type.Should().Be(MessageType.Transaction);
        transaction.Txid.Should().Be(invocation.TxId);
        transaction.ChannelId.Should().Be("mychannel");
        transaction.Proposal.Should().Be(invocation.SignedProposal);
        ChaincodeInput.Parser.ParseFrom(transaction.Payload).Args.Select(a => a.ToStringUtf8()).Should().Equal("fn", "arg");
    }

    [Fact]
    public async Task ExecuteAsync_StrayRequestAndKeepalive_AnsweredOrIgnoredAsFabricDoes()
    {
        var strayAnswer = new TaskCompletionSource<ChaincodeMessage>();
        var (runtime, server) = await StartAsync(async chaincode =>
        {
            await chaincode.RegisterAsync(PackageId);
            var transaction = await chaincode.ReceiveAsync();
            await chaincode.SendAsync(new ChaincodeMessage { Type = MessageType.Keepalive });
            await chaincode.SendAsync(new ChaincodeMessage
            {
                Type = MessageType.GetState,
                Txid = "not-running",
                ChannelId = "mychannel",
                Payload = new GetState { Key = "k" }.ToByteString(),
            });
            strayAnswer.SetResult(await chaincode.ReceiveAsync());
            await chaincode.SendAsync(new ChaincodeMessage
            {
                Type = MessageType.GetState,
                Txid = transaction.Txid,
                ChannelId = transaction.ChannelId,
                Payload = new GetState { Key = "k" }.ToByteString(),
            });
            var value = await chaincode.ReceiveAsync();
            await chaincode.SendAsync(Completed(transaction, value.Payload.ToStringUtf8()));
            await chaincode.ReceiveAsync().ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var _ = server;
        await using var __ = runtime;
        var state = new WorldState("Org1MSP", _ => null);
        state.ApplyBlock(1, [new TransactionBuilder().Put("scripted", "k", "committed").Build(0)]);
        using var timeout = new CancellationTokenSource(TestTimeout);

        var result = await runtime.ExecuteAsync(Invocation(state, "fn"), timeout.Token);

        var stray = await strayAnswer.Task.WaitAsync(TestTimeout);
        stray.Type.Should().Be(MessageType.Error);
        stray.Payload.ToStringUtf8().Should().Be("GET_STATE failed: transaction ID: not-running: no ledger context");
        result.Response.Payload.ToStringUtf8().Should().Be("committed");
        KVRWSet.Parser.ParseFrom(result.ReadWriteSet.NsRwset.Single().Rwset).Reads.Single().Key.Should().Be("k");
    }

    [Fact]
    public async Task ExecuteAsync_ChaincodeNeverAnswers_Returns500AfterExecuteTimeout()
    {
        var (runtime, server) = await StartAsync(async chaincode =>
        {
            await chaincode.RegisterAsync(PackageId);
            await chaincode.ReceiveAsync();
            await Task.Delay(Timeout.Infinite, chaincode.Aborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }, executeTimeout: TimeSpan.FromMilliseconds(300));
        await using var _ = server;
        await using var __ = runtime;
        var invocation = Invocation(new WorldState("Org1MSP", _ => null), "fn");
        using var timeout = new CancellationTokenSource(TestTimeout);

        var result = await runtime.ExecuteAsync(invocation, timeout.Token);

        result.Response.Status.Should().Be(500);
        result.Response.Message.Should().Be($"failed to execute transaction {invocation.TxId}: error sending: timeout expired while executing transaction");
    }

    [Fact]
    public async Task ExecuteAsync_StreamBreaksDuringExecution_FailsThenRedialsForNextExecution()
    {
        var attempt = 0;
        var (runtime, server) = await StartAsync(async chaincode =>
        {
            await chaincode.RegisterAsync(PackageId);
            var transaction = await chaincode.ReceiveAsync();
            if (Interlocked.Increment(ref attempt) == 1)
            {
                throw new InvalidOperationException("chaincode crashed"); // ends the stream with an error status
            }

            await chaincode.SendAsync(Completed(transaction, "second"));
            await chaincode.ReceiveAsync().ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var _ = server;
        await using var __ = runtime;
        var state = new WorldState("Org1MSP", _ => null);
        using var timeout = new CancellationTokenSource(TestTimeout);

        var first = await runtime.ExecuteAsync(Invocation(state, "fn"), timeout.Token);
        var second = await runtime.ExecuteAsync(Invocation(state, "fn"), timeout.Token);

        first.Response.Status.Should().Be(500);
        first.Response.Message.Should().EndWith("error sending: chaincode stream terminated");
        second.Response.Payload.ToStringUtf8().Should().Be("second");
        server.Connections.Should().Be(2);
    }

    [Fact]
    public async Task ExecuteAsync_ChaincodeSendsError_Returns500WithItsText()
    {
        var (runtime, server) = await StartAsync(async chaincode =>
        {
            await chaincode.RegisterAsync(PackageId);
            var transaction = await chaincode.ReceiveAsync();
            await chaincode.SendAsync(new ChaincodeMessage { Type = MessageType.Error, Txid = transaction.Txid, ChannelId = transaction.ChannelId, Payload = ByteString.CopyFromUtf8("bad input") });
            await chaincode.ReceiveAsync().ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var _ = server;
        await using var __ = runtime;
        using var timeout = new CancellationTokenSource(TestTimeout);

        var result = await runtime.ExecuteAsync(Invocation(new WorldState("Org1MSP", _ => null), "fn"), timeout.Token);

        result.Response.Status.Should().Be(500);
        result.Response.Message.Should().Be("transaction returned with failure: bad input");
    }

    [Fact]
    public async Task ExecuteAsync_NoChaincodeListening_ThrowsUnavailableAfterDialTimeout()
    {
        await using var runtime = new ChaincodeRuntime(new ChaincodeRuntimeOptions());
        runtime.Register("mychannel", new ChaincodeEndpoint("scripted", PackageId, "127.0.0.1:1", null, null, null, TimeSpan.FromMilliseconds(500)));
        using var timeout = new CancellationTokenSource(TestTimeout);

        var act = () => runtime.ExecuteAsync(Invocation(new WorldState("Org1MSP", _ => null), "fn"), timeout.Token);

        await act.Should().ThrowAsync<ChaincodeUnavailableException>().WithMessage("could not connect to chaincode scripted*");
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingEachProblem()
    {
        var act = () => new ChaincodeRuntime(new ChaincodeRuntimeOptions { ExecuteTimeout = TimeSpan.Zero, TotalQueryLimit = 0 });

        act.Should().Throw<ArgumentException>().WithMessage("*ExecuteTimeout*TotalQueryLimit*");
    }
}
