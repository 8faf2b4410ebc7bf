using System.Text;
using Fabric.Chaincode.Tests.Support;
using Fabric.Protos.Peer;
using FluentAssertions;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.Chaincode.Tests.Internal;

/// <summary>The shim's stream protocol, driven by a scripted peer over a real loopback connection.</summary>
public sealed class PeerSessionTests : IAsyncLifetime
{
    private readonly ProbeGate _gate = new();
    private ServerHarness _harness = null!;
    private ScriptedPeer _peer = null!;

    public async Task InitializeAsync()
    {
        _harness = await ServerHarness.StartAsync(builder =>
        {
            builder.Services.AddSingleton(_gate);
            builder.UseChaincode<ProbeChaincode>();
        });
        _peer = await _harness.ConnectPeerAsync();
    }

    public async Task DisposeAsync()
    {
        _gate.Opened.TrySetResult();
        await _peer.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public void Connect_NewStream_RegistersWithPackageId()
    {
        _peer.RegisteredPackageId.Should().Be(ServerHarness.PackageId);
    }

    [Fact]
    public async Task Keepalive_AfterReady_IsEchoed()
    {
        await _peer.SendAsync(new ChaincodeMessage { Type = MessageType.Keepalive, Txid = "ka1" });

        var echo = await _peer.NextUnsolicitedAsync();

        echo.Type.Should().Be(MessageType.Keepalive);
        echo.Txid.Should().Be("ka1");
    }

    [Fact]
    public async Task Transaction_BeforeReady_IsAnsweredWithError()
    {
        await using var early = await ScriptedPeer.ConnectAsync(_harness.Channel(), sendReady: false);

        var answer = await early.InvokeAsync("tx-early", "get", "a");

        answer.Type.Should().Be(MessageType.Error);
        answer.Payload.ToStringUtf8().Should().Contain("TRANSACTION").And.Contain("established");
    }

    [Fact]
    public async Task PutAndGet_SendPutStateAndGetState_WithKeysValuesAndTxCorrelation()
    {
        _peer.Ledger.Seed("a", "old");

        var put = ScriptedPeer.Decode(await _peer.InvokeAsync("tx1", "put", "a", "new"));
        var get = ScriptedPeer.Decode(await _peer.InvokeAsync("tx2", "get", "a"));
        var missing = ScriptedPeer.Decode(await _peer.InvokeAsync("tx3", "get", "nothing"));
        var deleted = ScriptedPeer.Decode(await _peer.InvokeAsync("tx4", "del", "a"));

        put.Status.Should().Be(200);
        get.PayloadText.Should().Be("new");
        missing.PayloadText.Should().Be("<null>");
        deleted.Status.Should().Be(200);
        _peer.Ledger.ValueOf("a").Should().BeNull();
        var requests = _peer.Ledger.Requests.ToArray();
        requests.Should().Contain(r => r.Type == MessageType.PutState && r.Txid == "tx1" && r.ChannelId == "mychannel"
            && PutState.Parser.ParseFrom(r.Payload).Key == "a" && PutState.Parser.ParseFrom(r.Payload).Value.ToStringUtf8() == "new");
        requests.Should().Contain(r => r.Type == MessageType.DelState && r.Txid == "tx4");
    }

    [Fact]
    public async Task ManyTransactions_Concurrently_EachCompletesWithItsOwnResult()
    {
        var invocations = Enumerable.Range(0, 200)
            .Select(i => _peer.InvokeAsync($"ctx{i}", "putThenGet", $"key{i}", $"value{i}"))
            .ToArray();

        var answers = await Task.WhenAll(invocations);

        for (var i = 0; i < answers.Length; i++)
        {
            answers[i].Txid.Should().Be($"ctx{i}");
            ScriptedPeer.Decode(answers[i]).PayloadText.Should().Be($"value{i}");
        }
    }

    [Fact]
    public async Task SameTxIdOnTwoChannels_RunConcurrently_AreKeptApart()
    {
        var one = _peer.InvokeAsync("channel-a", "shared", [Bytes("putThenGet"), Bytes("k-a"), Bytes("A")], proposal: null);
        var two = _peer.InvokeAsync("channel-b", "shared", [Bytes("putThenGet"), Bytes("k-b"), Bytes("B")], proposal: null);

        var answers = await Task.WhenAll(one, two);

        ScriptedPeer.Decode(answers[0]).PayloadText.Should().Be("A");
        ScriptedPeer.Decode(answers[1]).PayloadText.Should().Be("B");
    }

    [Fact]
    public async Task RangeQuery_MoreResultsThanOneBatch_FetchesWithQueryStateNextAndCloses()
    {
        foreach (var key in new[] { "k1", "k2", "k3", "k4", "k5" })
        {
            _peer.Ledger.Seed(key, "v" + key[1]);
        }

        var answer = ScriptedPeer.Decode(await _peer.InvokeAsync("range1", "range", "k1", "k5"));

        answer.PayloadText.Should().Be("k1=v1;k2=v2;k3=v3;k4=v4");
        var requests = _peer.Ledger.Requests.Where(r => r.Txid == "range1").Select(r => r.Type).ToArray();
        requests.Should().Equal(MessageType.GetStateByRange, MessageType.QueryStateNext, MessageType.QueryStateClose);
        _peer.Ledger.OpenIterators.Should().Be(0);
    }

    [Fact]
    public async Task RangeQuery_EmptyStartKey_IsSentAsU0001ToExcludeCompositeKeys()
    {
        await _peer.InvokeAsync("range-empty", "range", string.Empty, string.Empty);

        var request = _peer.Ledger.Requests.Single(r => r.Txid == "range-empty" && r.Type == MessageType.GetStateByRange);
        GetStateByRange.Parser.ParseFrom(request.Payload).StartKey.Should().Be("\u0001");
    }

    [Fact]
    public async Task RangeQuery_AbandonedAfterFirstResult_StillSendsQueryStateClose()
    {
        foreach (var key in new[] { "r1", "r2", "r3", "r4" })
        {
            _peer.Ledger.Seed(key, key);
        }

        var answer = ScriptedPeer.Decode(await _peer.InvokeAsync("abandon", "rangeFirst", "r1", "r9"));

        answer.PayloadText.Should().Be("r1");
        _peer.Ledger.Requests.Where(r => r.Txid == "abandon").Select(r => r.Type).Should()
            .Equal(MessageType.GetStateByRange, MessageType.QueryStateClose);
        _peer.Ledger.OpenIterators.Should().Be(0);
    }

    [Fact]
    public async Task RangeQueryWithPagination_SendsQueryMetadata_ReturnsPageAndBookmark()
    {
        foreach (var key in new[] { "p1", "p2", "p3", "p4", "p5" })
        {
            _peer.Ledger.Seed(key, key);
        }

        var first = ScriptedPeer.Decode(await _peer.InvokeAsync("page1", "rangePage", "p1", "p9", "3", string.Empty));
        var second = ScriptedPeer.Decode(await _peer.InvokeAsync("page2", "rangePage", "p1", "p9", "3", "p4"));

        first.PayloadText.Should().Be("p1=p1;p2=p2;p3=p3|3|p4");
        second.PayloadText.Should().Be("p4=p4;p5=p5|2|");
        var request = _peer.Ledger.Requests.First(r => r.Txid == "page2" && r.Type == MessageType.GetStateByRange);
        var metadata = QueryMetadata.Parser.ParseFrom(GetStateByRange.Parser.ParseFrom(request.Payload).Metadata);
        metadata.PageSize.Should().Be(3);
        metadata.Bookmark.Should().Be("p4");
        _peer.Ledger.ClosedIterators.Should().HaveCountGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task PartialCompositeKeyQuery_RequestsTheCompositeNamespaceRange()
    {
        _peer.Ledger.Seed("\0color\0blue\0a1\0", "x");
        _peer.Ledger.Seed("\0color\0blue\0a2\0", "y");
        _peer.Ledger.Seed("\0color\0red\0a3\0", "z");

        var answer = ScriptedPeer.Decode(await _peer.InvokeAsync("partial1", "partial", "color", "blue"));
        var paged = ScriptedPeer.Decode(await _peer.InvokeAsync("partial2", "partialPage", "color"));

        answer.PayloadText.Should().Be("/color/blue/a1/=x;/color/blue/a2/=y");
        paged.PayloadText.Should().Be("/color/blue/a1/=x;/color/blue/a2/=y|\0color\0red\0a3\0");
        var request = GetStateByRange.Parser.ParseFrom(
            _peer.Ledger.Requests.First(r => r.Txid == "partial1" && r.Type == MessageType.GetStateByRange).Payload);
        request.StartKey.Should().Be("\0color\0blue\0");
        request.EndKey.Should().Be("\0color\0blue\0\U0010FFFF");
    }

    [Fact]
    public async Task RichQueryAndHistory_ReturnResultsAcrossBatches()
    {
        _peer.Ledger.Seed("doc1", "a");
        _peer.Ledger.Seed("doc2", "b");
        _peer.Ledger.Seed("doc3", "c");
        _peer.Ledger.History["doc1"] =
        [
            new Fabric.Protos.Ledger.QueryResult.KeyModification { TxId = "t3", IsDelete = true, Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero)) },
            new Fabric.Protos.Ledger.QueryResult.KeyModification { TxId = "t2", Value = ByteString.CopyFromUtf8("two"), Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero)) },
            new Fabric.Protos.Ledger.QueryResult.KeyModification { TxId = "t1", Value = ByteString.CopyFromUtf8("one"), Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)) },
        ];

        var query = ScriptedPeer.Decode(await _peer.InvokeAsync("q1", "query", "doc"));
        var paged = ScriptedPeer.Decode(await _peer.InvokeAsync("q2", "queryPage", "doc", "doc2"));
        var history = ScriptedPeer.Decode(await _peer.InvokeAsync("h1", "history", "doc1"));

        query.PayloadText.Should().Be("doc1=a;doc2=b;doc3=c");
        paged.PayloadText.Should().Be("doc2=b|doc3");
        history.PayloadText.Should().Be(
            "t3::True:2025-01-03T00:00:00.0000000+00:00;t2:two:False:2025-01-02T00:00:00.0000000+00:00;t1:one:False:2025-01-01T00:00:00.0000000+00:00");
        _peer.Ledger.Requests.Where(r => r.Txid == "h1").Select(r => r.Type).Should()
            .Equal(MessageType.GetHistoryForKey, MessageType.QueryStateNext, MessageType.QueryStateClose);
    }

    [Fact]
    public async Task PrivateData_EveryOperation_CarriesTheCollection()
    {
        _peer.Ledger.Seed("\0deal\0d1\0", "secret-1", "dealsCollection");

        ScriptedPeer.Decode(await _peer.InvokeAsync("pd1", "pput", "dealsCollection", "p1", "secret")).Status.Should().Be(200);
        var value = ScriptedPeer.Decode(await _peer.InvokeAsync("pd2", "pget", "dealsCollection", "p1"));
        var hash = ScriptedPeer.Decode(await _peer.InvokeAsync("pd3", "phash", "dealsCollection", "p1"));
        var range = ScriptedPeer.Decode(await _peer.InvokeAsync("pd4", "prange", "dealsCollection", "p", "q"));
        var partial = ScriptedPeer.Decode(await _peer.InvokeAsync("pd5", "ppartial", "dealsCollection", "deal"));
        var query = ScriptedPeer.Decode(await _peer.InvokeAsync("pd6", "pquery", "dealsCollection", "p"));
        ScriptedPeer.Decode(await _peer.InvokeAsync("pd7", "pdel", "dealsCollection", "p1")).Status.Should().Be(200);
        ScriptedPeer.Decode(await _peer.InvokeAsync("pd8", "ppurge", "dealsCollection", "\0deal\0d1\0")).Status.Should().Be(200);

        value.PayloadText.Should().Be("secret");
        hash.PayloadText.Should().Be(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Bytes("secret"))));
        range.PayloadText.Should().Be("p1=secret");
        partial.PayloadText.Should().Be("/deal/d1/=secret-1");
        query.PayloadText.Should().Be("p1=secret");
        var types = _peer.Ledger.Requests.Where(r => r.Txid.StartsWith("pd", StringComparison.Ordinal)).Select(r => r.Type).ToHashSet();
        types.Should().Contain([MessageType.PutState, MessageType.GetState, MessageType.GetPrivateDataHash, MessageType.GetStateByRange,
            MessageType.GetQueryResult, MessageType.DelState, MessageType.PurgePrivateData]);
        _peer.Ledger.Values.Keys.Should().NotContain(k => k.Collection == "dealsCollection");
    }

    [Fact]
    public async Task StateValidationParameter_SetAndGet_UsePutAndGetStateMetadata()
    {
        ScriptedPeer.Decode(await _peer.InvokeAsync("ep1", "setPolicy", "asset1", "Org2MSP")).Status.Should().Be(200);
        var read = ScriptedPeer.Decode(await _peer.InvokeAsync("ep2", "getPolicy", "asset1"));
        var none = ScriptedPeer.Decode(await _peer.InvokeAsync("ep3", "getPolicy", "asset2"));
        var privatePolicy = ScriptedPeer.Decode(await _peer.InvokeAsync("ep4", "setPrivatePolicy", "col", "k", "Org3MSP"));

        read.PayloadText.Should().Be("Org2MSP");
        none.PayloadText.Should().Be("<none>");
        privatePolicy.PayloadText.Should().Be("Org3MSP");
        var put = PutStateMetadata.Parser.ParseFrom(_peer.Ledger.Requests.Single(r => r.Txid == "ep1").Payload);
        put.Metadata.Metakey.Should().Be("VALIDATION_PARAMETER");
        put.Key.Should().Be("asset1");
        _peer.Ledger.ValidationParameters.Should().ContainKey(("col", "k"));
    }

    [Fact]
    public async Task SetEvent_IsSentWithCompleted()
    {
        var completed = await _peer.InvokeAsync("ev1", "event", "AssetCreated", "{\"id\":1}");

        completed.Type.Should().Be(MessageType.Completed);
        completed.ChaincodeEvent.EventName.Should().Be("AssetCreated");
        completed.ChaincodeEvent.Payload.ToStringUtf8().Should().Be("{\"id\":1}");
    }

    [Fact]
    public async Task InvokeChaincode_SendsSpecWithChannelSuffix_ReturnsNestedResponse()
    {
        ChaincodeSpec? seen = null;
        _peer.Ledger.OnInvokeChaincode = spec =>
        {
            seen = spec;
            return new ChaincodeMessage
            {
                Type = MessageType.Completed,
                Payload = new Response { Status = 200, Payload = ByteString.CopyFromUtf8("pong") }.ToByteString(),
            };
        };

        var answer = ScriptedPeer.Decode(await _peer.InvokeAsync("cc1", "call", "other", "otherchannel", "ping", "x"));

        answer.PayloadText.Should().Be("200::pong");
        seen!.ChaincodeId.Name.Should().Be("other/otherchannel");
        seen.Input.Args.Select(a => a.ToStringUtf8()).Should().Equal("ping", "x");
    }

    [Fact]
    public async Task InvokeChaincode_CalledChaincodeFails_ReturnsItsError()
    {
        _peer.Ledger.OnInvokeChaincode = _ => new ChaincodeMessage { Type = MessageType.Error, Payload = ByteString.CopyFromUtf8("called chaincode failed") };

        var answer = ScriptedPeer.Decode(await _peer.InvokeAsync("cc2", "call", "other", string.Empty));

        answer.PayloadText.Should().Be("500:called chaincode failed:");
    }

    [Fact]
    public async Task Proposal_IsDecoded_IntoTimestampCreatorBindingAndTransient()
    {
        using var certificate = Fabric.Chaincode.Testing.TestIdentities.CreateCertificate("user1");
        var creator = Proposals.Creator("Org1MSP", certificate);
        var nonce = Enumerable.Range(1, 24).Select(i => (byte)i).ToArray();
        var timestamp = new DateTimeOffset(2025, 6, 1, 12, 30, 0, TimeSpan.Zero);
        var proposal = Proposals.Create("mychannel", "prop1", creator, nonce, timestamp, epoch: 7,
            transient: new Dictionary<string, byte[]> { ["price"] = Bytes("42") });

        var answer = ScriptedPeer.Decode(await _peer.InvokeAsync("mychannel", "prop1", [Bytes("proposal")], proposal));

        var expectedBinding = System.Security.Cryptography.SHA256.HashData([.. nonce, .. creator, 7, 0, 0, 0, 0, 0, 0, 0]);
        answer.PayloadText.Should().Be(string.Join('|', "prop1", "mychannel", "2025-06-01T12:30:00.0000000+00:00", "Org1MSP",
            Convert.ToHexString(expectedBinding), "price=42", "Org1MSP", "True"));
    }

    [Fact]
    public async Task Proposal_WithWrongHeaderType_IsAnsweredWithError()
    {
        var proposal = Proposals.Create("mychannel", "bad-type", [], [], DateTimeOffset.UnixEpoch, type: Fabric.Protos.Common.HeaderType.Message);

        var answer = await _peer.InvokeAsync("mychannel", "bad-type", [Bytes("proposal")], proposal);

        answer.Type.Should().Be(MessageType.Error);
        answer.Payload.ToStringUtf8().Should().Contain("channel header type");
    }

    [Fact]
    public async Task ChaincodeThrows_AnswersErrorWithMessage_AndKeepsServing()
    {
        var failed = await _peer.InvokeAsync("boom", "throw");
        var next = await _peer.InvokeAsync("after-boom", "get", "a");

        failed.Type.Should().Be(MessageType.Error);
        failed.Payload.ToStringUtf8().Should().Be("the chaincode broke");
        next.Type.Should().Be(MessageType.Completed);
    }

    [Fact]
    public async Task ChaincodeException_AnswersCompletedWithItsStatus()
    {
        var answer = ScriptedPeer.Decode(await _peer.InvokeAsync("conflict1", "conflict"));

        answer.Status.Should().Be(409);
        answer.Message.Should().Be("asset already exists");
    }

    [Fact]
    public async Task PeerAnswersError_StubThrows_TransactionFailsWithPeerMessage()
    {
        var answer = ScriptedPeer.Decode(await _peer.InvokeAsync("denied", "get", FakeLedger.ForbiddenKey));

        answer.Status.Should().Be(500);
        answer.Message.Should().Be("access denied to key forbidden");
    }

    [Fact]
    public async Task MalformedTransactionPayload_AnswersError_AndKeepsServing()
    {
        var malformed = new ChaincodeMessage
        {
            Type = MessageType.Transaction,
            Txid = "malformed",
            ChannelId = "mychannel",
            Payload = ByteString.CopyFrom(0xFF, 0xFF, 0xFF),
        };

        var answer = await _peer.SendInvocationAsync(malformed);
        var next = await _peer.InvokeAsync("after-malformed", "get", "a");

        answer.Type.Should().Be(MessageType.Error);
        answer.Payload.ToStringUtf8().Should().StartWith("Failed to decode the invocation");
        next.Type.Should().Be(MessageType.Completed);
    }

    [Fact]
    public async Task UnexpectedMessageType_IsAnsweredWithError_AndKeepsServing()
    {
        await _peer.SendAsync(new ChaincodeMessage { Type = MessageType.Register, Txid = "odd", ChannelId = "mychannel" });

        var error = await _peer.NextUnsolicitedAsync();
        var next = await _peer.InvokeAsync("after-odd", "get", "a");

        error.Type.Should().Be(MessageType.Error);
        error.Txid.Should().Be("odd");
        next.Type.Should().Be(MessageType.Completed);
    }

    [Fact]
    public async Task DuplicateTransaction_WhileFirstRuns_SecondGetsError()
    {
        var first = _peer.InvokeAsync("dup", "wait", "w1");
        await _gate.Entered.Task.WaitAsync(ScriptedPeer.Timeout);
        var duplicate = new ChaincodeMessage
        {
            Type = MessageType.Transaction,
            Txid = "dup",
            ChannelId = "mychannel",
            Payload = new ChaincodeInput { Args = { ByteString.CopyFromUtf8("get"), ByteString.CopyFromUtf8("a") } }.ToByteString(),
        };

        // The scripted peer hands the first answer for ("mychannel", "dup") to the waiting call: that is the
        // duplicate's ERROR, sent while the first invocation is still held at the gate.
        await _peer.SendAsync(duplicate);
        var error = await first;
        _gate.Opened.SetResult();
        var completed = await _peer.NextUnsolicitedAsync();

        error.Type.Should().Be(MessageType.Error);
        error.Payload.ToStringUtf8().Should().Contain("already running");
        ScriptedPeer.Decode(completed).PayloadText.Should().Be("waited");
    }

    [Fact]
    public async Task Init_Succeeds_WithCompleted_AndFailedInitGivesError()
    {
        var ok = await _peer.InvokeAsync("mychannel", "init1", [Bytes("init")], proposal: null, init: true);
        var failed = await _peer.InvokeAsync("mychannel", "init2", [Bytes("initFail")], proposal: null, init: true);

        ScriptedPeer.Decode(ok).PayloadText.Should().Be("initialized");
        failed.Type.Should().Be(MessageType.Error);
        failed.Payload.ToStringUtf8().Should().Be("init refused");
    }

    [Fact]
    public async Task StopAsync_WithTransactionInFlight_LetsItFinishThenEndsTheStream()
    {
        var running = _peer.InvokeAsync("graceful", "wait", "g1");
        await _gate.Entered.Task.WaitAsync(ScriptedPeer.Timeout);

        using var timeout = new CancellationTokenSource(ScriptedPeer.Timeout);
        var stopping = _harness.Server.StopAsync(timeout.Token);
        var refused = await _peer.InvokeAsync("refused-during-shutdown", "get", "a");
        _gate.Opened.SetResult();
        var completed = await running;
        await stopping;
        await _peer.Completion.WaitAsync(ScriptedPeer.Timeout);

        refused.Type.Should().Be(MessageType.Error);
        refused.Payload.ToStringUtf8().Should().Contain("shutting down");
        ScriptedPeer.Decode(completed).PayloadText.Should().Be("waited");
        _peer.Ledger.ValueOf("g1").Should().Be("after-wait");
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
