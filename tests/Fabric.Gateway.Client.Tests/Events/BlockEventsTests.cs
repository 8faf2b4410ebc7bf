using Fabric.Gateway.Client.Tests.Support;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Common;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Orderer;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Gateway.Client.Tests.Events;

public sealed class BlockEventsTests
{
    [Fact]
    public async Task GetBlockEventsAsync_StartBlock_StreamsFullBlocksWithValidationCodes()
    {
        await using var test = await TestGateway.StartAsync();
        var ledger = test.State.Ledger(TestGateway.Channel);
        ledger.AppendEvents(TestGateway.Chaincode, ("t1", "A"));
        ledger.Append([new LedgerTransaction("t2", TxValidationCode.MvccReadConflict, ScriptedLedger.MinimalEnvelope(TestGateway.Channel, "t2"))]);

        var blocks = await ChaincodeEventsTests.ReadAsync(test.Network.GetBlockEventsAsync(new EventsOptions { StartBlock = 0 }, TestGateway.Timeout), 2);

        blocks.Select(b => b.Header.Number).Should().Equal(0UL, 1UL);
        blocks[1].Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].ToByteArray().Should().Equal((byte)TxValidationCode.MvccReadConflict);
    }

    [Fact]
    public async Task GetFilteredBlockEventsAsync_NoStart_DeliversNextCommit()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.Ledger(TestGateway.Channel).AppendEvents(TestGateway.Chaincode, ("old", "Old"));

        await using var blocks = test.Network.GetFilteredBlockEventsAsync(null, TestGateway.Timeout).GetAsyncEnumerator();
        var next = blocks.MoveNextAsync().AsTask();
        await test.State.StreamListening(PeerMethod.Deliver).WaitAsync(TestGateway.Timeout);
        await test.Contract.SubmitTransactionAsync("Create", "a1");

        (await next).Should().BeTrue();
        blocks.Current.Number.Should().Be(1);
        blocks.Current.FilteredTransactions.Should().ContainSingle().Which.TxValidationCode.Should().Be(TxValidationCode.Valid);
    }

    [Fact]
    public async Task GetBlockAndPrivateDataEventsAsync_FromCheckpoint_CarriesPrivateData()
    {
        await using var test = await TestGateway.StartAsync();
        var ledger = test.State.Ledger(TestGateway.Channel);
        ledger.AppendEvents(TestGateway.Chaincode, ("t1", "A"));
        var privateData = new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        ledger.Append([new LedgerTransaction("t2", TxValidationCode.Valid, ScriptedLedger.MinimalEnvelope(TestGateway.Channel, "t2"), null, privateData)]);
        var checkpointer = new InMemoryCheckpointer();
        await checkpointer.CheckpointBlockAsync(0);

        var blocks = await ChaincodeEventsTests.ReadAsync(
            test.Network.GetBlockAndPrivateDataEventsAsync(new EventsOptions { Checkpoint = checkpointer }, TestGateway.Timeout), 1);

        blocks.Single().Block.Header.Number.Should().Be(1);
        blocks.Single().PrivateDataMap.Should().ContainKey(0UL);
    }

    [Fact]
    public async Task NewBlockEventsRequest_SeekEnvelope_IsSignedDeliverSeekInfo()
    {
        var options = TestGateway.FastRetries();
        options.TlsClientCertificateHash = Enumerable.Repeat((byte)7, 32).ToArray();
        await using var test = await TestGateway.StartAsync(options);
        test.State.ExpectedTlsCertificateHash = ByteString.CopyFrom(options.TlsClientCertificateHash.Span);
        test.State.Ledger(TestGateway.Channel).AppendEvents(TestGateway.Chaincode, ("t1", "A"));

        var request = test.Network.NewBlockEventsRequest(new EventsOptions { StartBlock = 0 });
        var blocks = await ChaincodeEventsTests.ReadAsync(request.GetEventsAsync(TestGateway.Timeout), 1);

        blocks.Should().ContainSingle();
        var envelope = Envelope.Parser.ParseFrom(request.GetBytes());
        envelope.Signature.IsEmpty.Should().BeFalse();
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        channelHeader.Type.Should().Be((int)HeaderType.DeliverSeekInfo);
        channelHeader.ChannelId.Should().Be(TestGateway.Channel);
        var seekInfo = SeekInfo.Parser.ParseFrom(payload.Data);
        seekInfo.Start.Specified.Number.Should().Be(0);
        seekInfo.Stop.Specified.Number.Should().Be(ulong.MaxValue);
        seekInfo.Behavior.Should().Be(SeekInfo.Types.SeekBehavior.BlockUntilReady);
    }

    [Fact]
    public async Task GetBlockEventsAsync_PeerAnswersForbidden_ThrowsGatewayException()
    {
        await using var test = await TestGateway.StartAsync();
        test.ExpectViolations = true;
        test.State.ExpectedTlsCertificateHash = ByteString.CopyFrom(new byte[32]);

        var act = () => ChaincodeEventsTests.ReadAsync(test.Network.GetBlockEventsAsync(new EventsOptions { StartBlock = 0 }, TestGateway.Timeout), 1);

        (await act.Should().ThrowAsync<GatewayException>()).Which.Message.Should().Contain("403 (Forbidden)");
    }
}
