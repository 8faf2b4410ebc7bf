using System.Text;
using Fabric.Gateway.Client.Tests.Support;
using Fabric.Gateway.TestDoubles;

namespace Fabric.Gateway.Client.Tests.Events;

public sealed class ChaincodeEventsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("checkpoint-").FullName;

    [Fact]
    public async Task GetChaincodeEventsAsync_StartBlock_StreamsMatchingEventsInOrder()
    {
        await using var test = await TestGateway.StartAsync();
        var ledger = test.State.Ledger(TestGateway.Channel);
        ledger.AppendEvents(TestGateway.Chaincode, ("t1", "A"), ("t2", "B"));
        ledger.AppendEvents("other-chaincode", ("t3", "X"));
        ledger.AppendEvents(TestGateway.Chaincode, ("t4", "C"));

        var events = await ReadAsync(test.Network.GetChaincodeEventsAsync(TestGateway.Chaincode, new EventsOptions { StartBlock = 0 }, TestGateway.Timeout), 3);

        events.Select(e => (e.BlockNumber, e.TransactionId, e.EventName)).Should().Equal((0UL, "t1", "A"), (0UL, "t2", "B"), (2UL, "t4", "C"));
        events.Should().OnlyContain(e => e.ChaincodeName == TestGateway.Chaincode);
        Encoding.UTF8.GetString(events[0].Payload.Span).Should().Be("A");
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_NoStart_DeliversOnlyNewCommits()
    {
        await using var test = await TestGateway.StartAsync();
        test.State.Ledger(TestGateway.Channel).AppendEvents(TestGateway.Chaincode, ("old", "Old"));
        test.State.Chaincode = i => new ChaincodeOutcome([]) { Event = ("Created", Encoding.UTF8.GetBytes(i.StringArgs[0])) };

        await using var events = test.Network.GetChaincodeEventsAsync(TestGateway.Chaincode, null, TestGateway.Timeout).GetAsyncEnumerator();
        var next = events.MoveNextAsync().AsTask();
        await test.State.StreamListening(PeerMethod.ChaincodeEvents).WaitAsync(TestGateway.Timeout);
        await test.Contract.SubmitTransactionAsync("Create", "fresh");

        (await next).Should().BeTrue();
        events.Current.EventName.Should().Be("Created");
        Encoding.UTF8.GetString(events.Current.Payload.Span).Should().Be("fresh");
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_ResumeFromFileCheckpoint_NoGapNoDuplicate()
    {
        await using var test = await TestGateway.StartAsync();
        var ledger = test.State.Ledger(TestGateway.Channel);
        ledger.AppendEvents(TestGateway.Chaincode, ("t1", "E1"), ("t2", "E2"), ("t3", "E3"));
        ledger.AppendEvents(TestGateway.Chaincode, ("t4", "E4"));
        var path = Path.Combine(_folder, "events.json");

        // First run: process two events, checkpoint each, then stop (as a crash or restart would).
        var seen = new List<string>();
        using (var checkpointer = await FileCheckpointer.OpenAsync(path))
        {
            var options = new EventsOptions { StartBlock = 0, Checkpoint = checkpointer };
            await foreach (var e in test.Network.GetChaincodeEventsAsync(TestGateway.Chaincode, options, TestGateway.Timeout))
            {
                seen.Add(e.TransactionId);
                await checkpointer.CheckpointChaincodeEventAsync(e);
                if (seen.Count == 2)
                {
                    break;
                }
            }
        }

        ledger.AppendEvents(TestGateway.Chaincode, ("t5", "E5"));

        // Second run in a "new process": a fresh checkpointer read from the file.
        using (var checkpointer = await FileCheckpointer.OpenAsync(path))
        {
            checkpointer.BlockNumber.Should().Be(0);
            checkpointer.TransactionId.Should().Be("t2");
            var options = new EventsOptions { StartBlock = 0, Checkpoint = checkpointer };
            foreach (var e in await ReadAsync(test.Network.GetChaincodeEventsAsync(TestGateway.Chaincode, options, TestGateway.Timeout), 3))
            {
                seen.Add(e.TransactionId);
                await checkpointer.CheckpointChaincodeEventAsync(e);
            }
        }

        seen.Should().Equal("t1", "t2", "t3", "t4", "t5");
        File.ReadAllText(path).Should().Be("""{"blockNumber":2,"transactionId":"t5"}""");
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_InMemoryCheckpointAfterLastEventOfBlock_ResumesAtNextBlock()
    {
        await using var test = await TestGateway.StartAsync();
        var ledger = test.State.Ledger(TestGateway.Channel);
        ledger.AppendEvents(TestGateway.Chaincode, ("t1", "E1"));
        ledger.AppendEvents(TestGateway.Chaincode, ("t2", "E2"));
        var checkpointer = new InMemoryCheckpointer();
        await checkpointer.CheckpointTransactionAsync(0, "t1");

        var events = await ReadAsync(
            test.Network.GetChaincodeEventsAsync(TestGateway.Chaincode, new EventsOptions { StartBlock = 5, Checkpoint = checkpointer }, TestGateway.Timeout), 1);

        events.Single().TransactionId.Should().Be("t2", "a non-empty checkpoint wins over the start block");
    }

    [Fact]
    public async Task OpenAsync_CorruptFile_ThrowsInvalidData()
    {
        var path = Path.Combine(_folder, "corrupt.json");
        await File.WriteAllTextAsync(path, "{not json");

        var act = () => FileCheckpointer.OpenAsync(path);

        await act.Should().ThrowAsync<InvalidDataException>();
    }

    [Fact]
    public async Task CheckpointBlockAsync_Block_PointsAtTheNextBlock()
    {
        var checkpointer = new InMemoryCheckpointer();

        await checkpointer.CheckpointBlockAsync(7);

        checkpointer.BlockNumber.Should().Be(8);
        checkpointer.TransactionId.Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static async Task<List<T>> ReadAsync<T>(IAsyncEnumerable<T> source, int count)
    {
        var result = new List<T>();
        await foreach (var item in source)
        {
            result.Add(item);
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }
}
