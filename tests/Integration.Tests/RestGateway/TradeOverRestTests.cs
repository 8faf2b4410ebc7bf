using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Integration.Tests.TradeFinance;

namespace Integration.Tests.RestGateway;

/// <summary>
/// A letter of credit's first steps over HTTP through the real REST gateway: configure, apply, issue, advise, issue
/// the eB/L, present, honour. The gateway finds the endorsers itself: every configured organization for the
/// configuration, the credit's two banks (read from the ledger) for each credit transaction, the carrier for the eB/L.
/// A beneficiary trying to issue is the chaincode's 403 as ProblemDetails. Then /api/events delivers the scenario's
/// chaincode events, and a stream resumed with Last-Event-ID continues right after that event, without a gap.
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class TradeOverRestTests(DevNetworkFixture devNetwork, RealNetworkFixture realNetwork)
{
    [Fact]
    public Task CreditFirstSteps_OnDevNetwork_OverHttp() => RunAsync(devNetwork.Network);

    [SkippableFact]
    public async Task CreditFirstSteps_OnRealFabric_OverHttp()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await RunAsync(realNetwork.Network);
    }

    private static async Task RunAsync(FabricTestNetwork network)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var inputs = TradeInputs.ForToday(TimeProvider.System);
        var parties = await TradeParties.EnrollAsync(network, ct);
        await using var gateway = RestGatewayHost.Start(network, "trade", TradeActor.Channel, TradeActor.Chaincode, new Dictionary<string, TestUser>
        {
            ["issuing"] = parties.IssuingOfficer.User, ["advising"] = parties.AdvisingOfficer.User, ["carrier"] = parties.CarrierOfficer.User,
            ["importer"] = parties.Importer.User, ["exporter"] = parties.Exporter.User,
        });
        using var issuing = gateway.ClientOf("issuing");
        using var advising = gateway.ClientOf("advising");
        using var carrier = gateway.ClientOf("carrier");
        using var importer = gateway.ClientOf("importer");
        using var exporter = gateway.ClientOf("exporter");
        var (creditId, billId, presentationId) = (UniqueIds.New("LC"), UniqueIds.New("BL1"), UniqueIds.New("P1"));
        var credit = $"/api/trade/letters-of-credit/{Uri.EscapeDataString(creditId)}";

        await issuing.EnsureConfiguredAsync("/api/trade/configuration", JsonNode.Parse(TradeInputs.Configuration())!, ct);

        var committed = new List<JsonElement>();
        // Each step hands over to another organization, whose peer may not have the last block yet: wait for it.
        async Task Step(JsonElement done)
        {
            committed.Add(done);
            await PeerBlocks.WaitUntilEveryPeerHasAsync(
                network, parties.IssuingOfficer.User, TradeActor.Channel, TradeActor.Organizations,
                done.GetProperty("blockNumber").GetUInt64(), ct);
        }

        var applied = await (await importer.SubmitAsync("/api/trade/letters-of-credit", new { creditId, terms = JsonNode.Parse(inputs.Terms()) }, cancellationToken: ct)).JsonAsync(201, ct);
        await Step(applied);
        applied.GetProperty("result").GetProperty("issuingBankMspId").GetString().Should().Be(TradeInputs.IssuingBank);
        applied.GetProperty("result").GetProperty("advisingBankMspId").GetString().Should().Be(TradeInputs.AdvisingBank);

        using (var byExporter = await exporter.SubmitAsync($"{credit}/issue", null, cancellationToken: ct))
        {
            var problem = await byExporter.JsonAsync(403, ct);
            byExporter.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            problem.GetProperty("detail").GetString().Should().Contain("Only an officer");
        }

        await Step(await (await issuing.SubmitAsync($"{credit}/issue", null, cancellationToken: ct)).JsonAsync(200, ct));
        committed[^1].GetProperty("result").GetProperty("status").GetString().Should().Be("Issued");
        await Step(await (await advising.SubmitAsync($"{credit}/advise", null, cancellationToken: ct)).JsonAsync(200, ct));
        committed[^1].GetProperty("result").GetProperty("status").GetString().Should().Be("Advised");

        await Step(await (await carrier.SubmitAsync("/api/trade/bills-of-lading", new { billOfLadingId = billId, document = JsonNode.Parse(inputs.BillOfLading("CNSHA")) }, cancellationToken: ct))
            .JsonAsync(201, ct));
        committed[^1].GetProperty("result").GetProperty("status").GetString().Should().Be("ISSUED");

        var presented = await (await exporter.SubmitAsync(
                $"{credit}/presentations",
                new { presentationId, billOfLadingId = billId, claim = JsonNode.Parse(inputs.Claim(TradeInputs.FirstDrawing)) },
                cancellationToken: ct))
            .JsonAsync(201, ct);
        await Step(presented);
        presented.GetProperty("result").GetProperty("status").GetString().Should().Be("Presented");
        presented.GetProperty("result").GetProperty("detectedDiscrepancies").EnumerateArray().Should().BeEmpty();

        await Step(await (await issuing.SubmitAsync($"{credit}/presentations/{Uri.EscapeDataString(presentationId)}/honour", null, cancellationToken: ct)).JsonAsync(200, ct));
        committed[^1].GetProperty("result").GetProperty("status").GetString().Should().Be("Honoured");
        (await issuing.GetJsonAsync($"{credit}/terms", cancellationToken: ct)).GetProperty("terms").GetProperty("amount").GetInt64()
            .Should().Be(TradeInputs.CreditAmount);
    
        await AssertEventsAsync(issuing, committed, ct);
    }

    /// <summary>
    /// Every committed step raised one chaincode event, delivered by /api/events from the first step's block; a stream
    /// resumed with Last-Event-ID set to the third step's event goes on with exactly the events that followed it.
    /// </summary>
    private static async Task AssertEventsAsync(HttpClient client, List<JsonElement> committed, CancellationToken ct)
    {
        string[] expected = ["LetterOfCreditApplied", "LetterOfCreditIssued", "LetterOfCreditAdvised", "BillOfLadingIssued", "DocumentsPresented", "PresentationHonoured"];
        var transactionIds = committed.Select(c => c.GetProperty("transactionId").GetString()!).ToList();
        var firstBlock = committed[0].GetProperty("blockNumber").GetUInt64();

        var stream = await ReadEventsAsync(client, $"/api/events?network=trade&startBlock={firstBlock}", null, seen => transactionIds.All(seen.Select(e => e.TransactionId).Contains), ct);
        var ours = stream.Where(e => transactionIds.Contains(e.TransactionId)).ToList();
        ours.Select(e => e.TransactionId).Should().Equal(transactionIds, "each step's event arrives once, in commit order");
        ours.Select(e => e.EventType).Should().Equal(expected);

        var resumeAfter = stream.IndexOf(ours[2]);
        var rest = stream.Skip(resumeAfter + 1).ToList();
        var resumed = await ReadEventsAsync(client, "/api/events?network=trade", stream[resumeAfter].EventId, seen => seen.Count >= rest.Count, ct);
        resumed.Select(e => e.EventId).Should().Equal(rest.Select(e => e.EventId), "a resumed stream goes on right after Last-Event-ID, without a gap or a repeat");
    }

    private static async Task<List<StreamedEvent>> ReadEventsAsync(
        HttpClient client, string path, string? lastEventId, Func<List<StreamedEvent>, bool> enough, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var seen = new List<StreamedEvent>();
        await foreach (var item in SseParser.Create(body).EnumerateAsync(ct))
        {
            using var data = JsonDocument.Parse(item.Data);
            seen.Add(new StreamedEvent(item.EventId!, item.EventType, data.RootElement.GetProperty("transactionId").GetString()!));
            if (enough(seen))
            {
                break;
            }
        }

        return seen;
    }

    private sealed record StreamedEvent(string EventId, string EventType, string TransactionId);
}
