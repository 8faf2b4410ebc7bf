using System.Collections.Concurrent;
using System.Text;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using Fabric.Protos.Peer;
using Transaction = Fabric.Gateway.Client.Transaction;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Integration.Tests.Conformance;

/// <summary>
/// Kill the dev network (SIGKILL of the whole process tree, chaincodes included) in the middle of a load, restart it
/// on the same data: every transaction a client saw committed is still there at the same block, and re-sending the
/// same signed transactions afterwards commits the ones that were lost in flight and never commits one twice.
/// </summary>
[Collection(ConformanceNetworkGroup.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Transactions = 120;
    private const int KillAfterCommits = 40;

    [Fact]
    public async Task KilledMidLoad_AfterRestart_NothingCommittedIsLost_AndResentTransactionsCommitOnce()
    {
        await using var network = await DevNetworkProcess.StartAsync(ConformanceNetworkFixture.NetworkFile);
        var user = await network.EnrollAsync("Org1MSP", UniqueIds.New("crash"));
        var contract = network.Connect(user).GetNetwork("mychannel").GetContract("basic");
        var run = UniqueIds.New("crash");

        // Endorse everything first, so the same signed envelopes can be re-sent after the restart.
        var prepared = new List<(string Key, string Value, Transaction Transaction)>();
        foreach (var chunk in Enumerable.Range(0, Transactions).Chunk(20))
        {
            prepared.AddRange(await Task.WhenAll(chunk.Select(async i =>
            {
                var key = $"{run}-{i:D4}";
                var value = $"value-{i}";
                return (key, value, await contract.NewProposal("create", new ProposalOptions().AddArguments(key, value)).EndorseAsync());
            })));
        }

        var committed = new ConcurrentDictionary<string, ulong>(StringComparer.Ordinal);
        using var load = new CancellationTokenSource();
        using var limit = new SemaphoreSlim(8);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submissions = prepared.Select(async p =>
        {
            await limit.WaitAsync(load.Token);
            try
            {
                var status = await (await p.Transaction.SubmitAsync(load.Token)).GetStatusAsync(load.Token);
                if (status.Code == TxValidationCode.Valid)
                {
                    committed[p.Transaction.TransactionId] = status.BlockNumber;
                }

                if (committed.Count >= KillAfterCommits)
                {
                    killed.TrySetResult();
                }
            }
            finally
            {
                limit.Release();
            }
        }).ToList();

        await killed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await network.KillAsync();
        var confirmedBeforeCrash = committed.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        await load.CancelAsync();
        await Task.WhenAll(submissions.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        output.WriteLine($"{confirmedBeforeCrash.Count} of {Transactions} transactions were confirmed committed when the network was killed.");

        await network.RestartAsync();
        await WaitUntilServingAsync(contract, prepared[0].Key);

        // Every transaction confirmed before the crash is still committed, VALID, at the same block.
        foreach (var (transactionId, blockNumber) in confirmedBeforeCrash)
        {
            var transaction = prepared.Single(p => p.Transaction.TransactionId == transactionId).Transaction;
            var status = await (await transaction.SubmitAsync()).GetStatusAsync();
            status.Code.Should().Be(TxValidationCode.Valid, $"{transactionId} was committed before the crash");
            status.BlockNumber.Should().Be(blockNumber, "re-sending a committed transaction must not commit it again");
        }

        // Re-send the rest, as a client that never heard back would: each commits exactly once.
        foreach (var (_, _, transaction) in prepared.Where(p => !confirmedBeforeCrash.ContainsKey(p.Transaction.TransactionId)))
        {
            var status = await (await transaction.SubmitAsync()).GetStatusAsync();
            status.Code.Should().Be(TxValidationCode.Valid, $"{transaction.TransactionId} was endorsed and only lost in flight");
        }

        foreach (var peer in new[] { "Org1MSP", "Org2MSP" })
        {
            var reader = network.Connect(user, peer).GetNetwork("mychannel").GetContract("basic");
            foreach (var (key, value, _) in prepared)
            {
                Encoding.UTF8.GetString(await reader.EvaluateTransactionAsync("get", key)).Should().Be(value, $"{key} on {peer}'s peer");
            }
        }

        // Each transaction ID is VALID in exactly one block; every re-sent duplicate was marked DUPLICATE_TXID.
        var validBlocks = new Dictionary<string, int>(StringComparer.Ordinal);
        var blocks = network.Connect(user).GetNetwork("mychannel");
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var transactionIds = prepared.Select(p => p.Transaction.TransactionId).ToHashSet(StringComparer.Ordinal);
        var duplicates = 0;
        await foreach (var block in blocks.GetFilteredBlockEventsAsync(new() { StartBlock = 0 }, read.Token))
        {
            foreach (var transaction in block.FilteredTransactions.Where(t => transactionIds.Contains(t.Txid)))
            {
                if (transaction.TxValidationCode == TxValidationCode.Valid)
                {
                    validBlocks[transaction.Txid] = validBlocks.GetValueOrDefault(transaction.Txid) + 1;
                }
                else
                {
                    transaction.TxValidationCode.Should().Be(TxValidationCode.DuplicateTxid);
                    duplicates++;
                }
            }

            if (validBlocks.Count == Transactions && duplicates >= confirmedBeforeCrash.Count)
            {
                break;
            }
        }

        validBlocks.Should().HaveCount(Transactions).And.OnlyContain(v => v.Value == 1);
        duplicates.Should().BeGreaterThanOrEqualTo(confirmedBeforeCrash.Count);
    }

    /// <summary>
    /// "Up" means listening; the chaincode processes start just after. Wait, boundedly, until a read goes all the way
    /// through, so that what follows tests recovery and not start-up speed.
    /// </summary>
    private static async Task WaitUntilServingAsync(Contract contract, string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                await contract.EvaluateTransactionAsync("range", key, key + "~");
                return;
            }
            catch (GatewayException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
