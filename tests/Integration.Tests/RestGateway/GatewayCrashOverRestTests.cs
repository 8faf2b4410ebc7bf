using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Integration.Tests.TradeFinance;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Integration.Tests.RestGateway;

/// <summary>
/// The REST gateway, a process of its own, is killed (SIGKILL) while letters of credit are being applied for through
/// it, some of them journaled and sent but not yet known committed; it is started again on the same journal. Every
/// request repeated with its Idempotency-Key then answers 201 with the transaction that the first attempt journaled
/// (the one already answered before the crash keeps its transaction ID), and the ledger holds exactly one application
/// per credit: nothing accepted was lost, nothing was applied twice. An application is a create, so a second
/// transaction for the same credit would have been refused by the chaincode (409), not hidden.
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class GatewayCrashOverRestTests(DevNetworkFixture devNetwork, RealNetworkFixture realNetwork, ITestOutputHelper output)
{
    private const int Applications = 40;
    private const int InFlight = 8;
    private const int KillAfterAnswers = 10;

    [Fact]
    public Task KilledWhileSubmitting_AfterRestart_RetriesLoseNothingAndDuplicateNothing_OnDevNetwork() => RunAsync(devNetwork.Network);

    [SkippableFact]
    public async Task KilledWhileSubmitting_AfterRestart_RetriesLoseNothingAndDuplicateNothing_OnRealFabric()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await RunAsync(realNetwork.Network);
    }

    private async Task RunAsync(FabricTestNetwork network)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = timeout.Token;
        var inputs = TradeInputs.ForToday(TimeProvider.System);
        var parties = await TradeParties.EnrollAsync(network, ct);
        var directory = Path.Combine(Path.GetTempPath(), "rest-gateway-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var journal = Path.Combine(directory, "journal.db");
        var apiKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = RestGatewayHost.Settings(
            network, "trade", TradeActor.Channel, TradeActor.Chaincode,
            new Dictionary<string, TestUser> { ["issuing"] = parties.IssuingOfficer.User, ["importer"] = parties.Importer.User },
            journal, apiKeys);
        // A key whose request was cut off stays claimed for its lease: short here, so that the retries need not wait long.
        settings["Idempotency:LeaseDuration"] = "00:00:05";

        await using var gateway = await GatewayProcess.StartAsync(settings, ct);
        using (var issuing = gateway.ClientWithApiKey(apiKeys["issuing"]))
        {
            await issuing.EnsureConfiguredAsync("/api/trade/configuration", JsonNode.Parse(TradeInputs.Configuration())!, ct);
        }

        var requests = Enumerable.Range(0, Applications)
            .Select(_ => new Application(UniqueIds.New("LC-crash"), Guid.NewGuid().ToString("N")))
            .ToList();
        var terms = inputs.Terms();
        var answeredBeforeCrash = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var importer = gateway.ClientWithApiKey(apiKeys["importer"]);
        using var limit = new SemaphoreSlim(InFlight);
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = requests.Select(async request =>
        {
            await limit.WaitAsync(ct);
            try
            {
                using var response = await importer.SubmitAsync(
                    "/api/trade/letters-of-credit", Body(request, terms), request.IdempotencyKey, ct);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var created = await response.JsonAsync(201, ct);
                    answeredBeforeCrash[request.CreditId] = created.GetProperty("transactionId").GetString()!;
                    if (answeredBeforeCrash.Count >= KillAfterAnswers)
                    {
                        enough.TrySetResult();
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Cut off by the crash: the client does not know what happened, and will retry with the same key.
            }
            finally
            {
                limit.Release();
            }
        }).ToList();

        await enough.Task.WaitAsync(TimeSpan.FromMinutes(3), ct);
        await gateway.KillAsync();
        var answered = answeredBeforeCrash.ToDictionary(StringComparer.Ordinal);
        await Task.WhenAll(sending);
        var unfinished = await UnfinishedJournalEntriesAsync(journal, ct);
        output.WriteLine(
            $"Killed after {answered.Count} of {Applications} answers; the journal held {unfinished} transactions sent or endorsed without an outcome.");

        await gateway.RestartAsync(ct);
        using var importerAgain = gateway.ClientWithApiKey(apiKeys["importer"]);
        var transactionIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var created = await RetryUntilAnsweredAsync(importerAgain, request, terms, ct);
            var transactionId = created.GetProperty("transactionId").GetString()!;
            created.GetProperty("result").GetProperty("creditId").GetString().Should().Be(request.CreditId);
            if (answered.TryGetValue(request.CreditId, out var before))
            {
                transactionId.Should().Be(before, "a request answered before the crash is replayed, not run again");
            }

            transactionIds[request.CreditId] = transactionId;
            var status = await importerAgain.GetJsonAsync($"/api/transactions/{transactionId}", cancellationToken: ct);
            status.GetProperty("state").GetString().Should().Be("committed", $"the journal knows {transactionId}'s outcome");
        }

        transactionIds.Values.Should().OnlyHaveUniqueItems();
        var firstBlock = await FirstBlockAsync(importerAgain, transactionIds.Values, ct);
        var applied = await AppliedEventsAsync(network, parties.Importer.User, firstBlock, requests.Select(r => r.CreditId).ToHashSet(StringComparer.Ordinal), ct);
        foreach (var request in requests)
        {
            applied.Should().ContainKey(request.CreditId);
            applied[request.CreditId].Should().Equal(
                [transactionIds[request.CreditId]], $"{request.CreditId} was applied for exactly once, by the transaction the gateway reported");
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Still held open by a dying process; the temporary folder is cleaned by the system.
        }
    }

    private static object Body(Application request, string terms) => new { creditId = request.CreditId, terms = JsonNode.Parse(terms) };

    /// <summary>
    /// Repeats the request with its key until it is answered: 409 "in progress" while the lease of the cut-off attempt
    /// runs, then the first outcome (stored, or the journaled transaction followed to its commit).
    /// </summary>
    private static async Task<JsonElement> RetryUntilAnsweredAsync(HttpClient client, Application request, string terms, CancellationToken ct)
    {
        while (true)
        {
            using var response = await client.SubmitAsync("/api/trade/letters-of-credit", Body(request, terms), request.IdempotencyKey, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == HttpStatusCode.Conflict && text.Contains("idempotency", StringComparison.OrdinalIgnoreCase))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                continue;
            }

            ((int)response.StatusCode).Should().Be(201, "the repeated request {0} answers with its first outcome: {1}", request.CreditId, text);
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }

    private static async Task<ulong> FirstBlockAsync(HttpClient client, IEnumerable<string> transactionIds, CancellationToken ct)
    {
        var blocks = new List<ulong>();
        foreach (var transactionId in transactionIds)
        {
            blocks.Add((await client.GetJsonAsync($"/api/transactions/{transactionId}", cancellationToken: ct)).GetProperty("blockNumber").GetUInt64());
        }

        return blocks.Min();
    }

    /// <summary>For each of our credits, the transactions whose LetterOfCreditApplied event was committed (read with the .NET client).</summary>
    private static async Task<Dictionary<string, List<string>>> AppliedEventsAsync(
        FabricTestNetwork network, TestUser user, ulong firstBlock, HashSet<string> creditIds, CancellationToken ct)
    {
        var applied = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var channel = network.Connect(user).GetNetwork(TradeActor.Channel);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Events keep coming (other tests share the network): stop once every credit was seen and the stream went quiet.
        read.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var chaincodeEvent in channel.GetChaincodeEventsAsync(TradeActor.Chaincode, new EventsOptions { StartBlock = firstBlock }, read.Token))
            {
                if (chaincodeEvent.EventName != "LetterOfCreditApplied")
                {
                    continue;
                }

                using var payload = JsonDocument.Parse(chaincodeEvent.Payload);
                var creditId = payload.RootElement.GetProperty("creditId").GetString()!;
                if (creditIds.Contains(creditId))
                {
                    (applied.TryGetValue(creditId, out var list) ? list : applied[creditId] = []).Add(chaincodeEvent.TransactionId);
                }

                if (applied.Count == creditIds.Count && !read.IsCancellationRequested)
                {
                    // Every credit seen: read on briefly for a duplicate that a later block could hold.
                    read.CancelAfter(TimeSpan.FromSeconds(3));
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The reading window closed.
        }
        catch (GatewayException e) when (!ct.IsCancellationRequested && e.InnerException is OperationCanceledException)
        {
            // The same, surfaced by the client.
        }

        return applied;
    }

    private static async Task<int> UnfinishedJournalEntriesAsync(string journal, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={journal};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM fabric_transactions WHERE state IN ('Endorsed', 'Submitted')";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record Application(string CreditId, string IdempotencyKey);
}
