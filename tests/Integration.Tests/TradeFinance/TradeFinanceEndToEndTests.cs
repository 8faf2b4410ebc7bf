using System.Text;
using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using FluentAssertions;
using Grpc.Core;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.TradeFinance;

/// <summary>
/// docs/trade-finance.md's happy path through real peers with the .NET client: a credit drawn in two parts against
/// two eB/Ls, the second presentation refused for its port of loading, waived by the importer and honoured; both
/// bills pass to the importer, who surrenders the second for delivery. Refusals (wrong role, wrong state, business
/// rules) are tried on the way, and the credit's terms are shown to stay out of the blocks and off the carrier's peer.
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class TradeFinanceEndToEndTests(DevNetworkFixture devNetwork, RealNetworkFixture realNetwork)
{
    private static readonly string[] Banks = [TradeInputs.IssuingBank, TradeInputs.AdvisingBank];
    private static readonly string[] CarrierPeer = [TradeInputs.Carrier];
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task DevNetwork_CreditDrawnTwiceAgainstTwoBills_SecondRefusedThenWaived_TermsStayPrivate()
    {
        using var timeout = new CancellationTokenSource(ScenarioTimeout);
        var run = await RunHappyPathAsync(devNetwork.Network, timeout.Token);

        await AssertNodeFilesHoldNoCreditTermsOutsideTheBanksAsync(devNetwork.Network, run, timeout.Token);
    }

    [SkippableFact]
    public async Task RealFabric_CreditDrawnTwiceAgainstTwoBills_SecondRefusedThenWaived_TermsStayPrivate()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        using var timeout = new CancellationTokenSource(ScenarioTimeout);

        await RunHappyPathAsync(realNetwork.Network, timeout.Token);
    }

    /// <summary>What a run leaves for the checks that follow it.</summary>
    private sealed record ScenarioRun(TradeInputs Inputs, TradeParties Parties, IReadOnlyDictionary<string, byte[]> PrivateMarkers, ulong FirstBlock, ulong LastBlock);

    private static async Task<ScenarioRun> RunHappyPathAsync(FabricTestNetwork network, CancellationToken cancellationToken)
    {
        var inputs = TradeInputs.ForToday(TimeProvider.System);
        var parties = await TradeParties.EnrollAsync(network, cancellationToken);
        var (issuing, advising, carrier, importer, exporter) = parties;
        var creditId = UniqueIds.New("LC");
        var (firstBill, secondBill) = (UniqueIds.New("BL1"), UniqueIds.New("BL2"));
        var (firstPresentation, secondPresentation) = (UniqueIds.New("P1"), UniqueIds.New("P2"));
        var salts = Enumerable.Range(0, 6).Select(_ => TradeInputs.NewSalt()).ToArray();
        var markers = inputs.PrivateMarkers(salts);
        var journal = new List<CommittedTransaction>();
        async Task<JsonElement> Submit(TradeActor actor, string transaction, string[] arguments, string expectedEvent, string[] endorsers,
            Dictionary<string, object>? transient = null)
        {
            var committed = await actor.SubmitAsync(transaction, arguments, expectedEvent, endorsers, transient, cancellationToken);
            journal.Add(committed);
            return committed.Result;
        }

        Task<JsonElement> Query(TradeActor actor, string transaction, params string[] arguments) =>
            actor.EvaluateAsync(transaction, arguments, cancellationToken: cancellationToken);

        // 1. Configuration (a real network keeps it from an earlier run).
        await ConfigureAsync(issuing, journal, cancellationToken);

        // 2-4. Applied by the importer, issued, advised; the exporter may not issue, a credit is advised once.
        var applied = await Submit(importer, "LetterOfCredit:Apply", [creditId], "LetterOfCreditApplied", Banks,
            new() { ["terms"] = inputs.Terms(), ["salt"] = salts[0] });
        applied.GetProperty("status").GetString().Should().Be("Applied");
        applied.GetProperty("issuingBankMspId").GetString().Should().Be(TradeInputs.IssuingBank);
        applied.GetProperty("advisingBankMspId").GetString().Should().Be(TradeInputs.AdvisingBank);
        applied.GetProperty("applicantCompanyId").GetString().Should().Be(TradeInputs.Importer);
        applied.GetProperty("beneficiaryCompanyId").GetString().Should().Be(TradeInputs.Exporter);
        applied.GetProperty("termsHash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");

        AssertRefused(await exporter.SubmitRefusedAsync("LetterOfCredit:Issue", [creditId], Banks, cancellationToken: cancellationToken),
            403, "Only an officer (role=officer) of the issuing bank", markers);

        (await Submit(issuing, "LetterOfCredit:Issue", [creditId], "LetterOfCreditIssued", Banks)).GetProperty("status").GetString().Should().Be("Issued");
        (await Submit(advising, "LetterOfCredit:Advise", [creditId], "LetterOfCreditAdvised", Banks)).GetProperty("status").GetString().Should().Be("Advised");

        AssertRefused(await advising.SubmitRefusedAsync("LetterOfCredit:Advise", [creditId], Banks, cancellationToken: cancellationToken),
            409, "it is Advised, but must be Issued", markers);

        // 5-8. First shipment: a compliant presentation, honoured, reimbursed; the bill's title follows the money.
        var bill = await Submit(carrier, "BillOfLading:Issue", [firstBill], "BillOfLadingIssued", CarrierPeer,
            new() { ["document"] = inputs.BillOfLading("CNSHA"), ["salt"] = salts[1] });
        bill.GetProperty("status").GetString().Should().Be("ISSUED");
        AssertParty(bill.GetProperty("holder"), TradeInputs.AdvisingBank, TradeInputs.Exporter);

        var presented = await Submit(exporter, "LetterOfCredit:Present", [creditId, firstPresentation, firstBill], "DocumentsPresented", Banks,
            new() { ["claim"] = inputs.Claim(TradeInputs.FirstDrawing), ["salt"] = salts[2] });
        presented.GetProperty("status").GetString().Should().Be("Presented");
        presented.GetProperty("detectedDiscrepancies").EnumerateArray().Should().BeEmpty();
        presented.GetProperty("billOfLadingId").GetString().Should().Be(firstBill);

        (await Submit(issuing, "LetterOfCredit:Honour", [creditId, firstPresentation], "PresentationHonoured", Banks))
            .GetProperty("status").GetString().Should().Be("Honoured");
        AssertParty((await Query(carrier, "BillOfLading:Get", firstBill)).GetProperty("holder"), TradeInputs.IssuingBank, null);
        var terms = await Query(issuing, "LetterOfCredit:GetTerms", creditId);
        terms.GetProperty("terms").GetProperty("amount").GetInt64().Should().Be(TradeInputs.CreditAmount);
        terms.GetProperty("drawnAmount").GetInt64().Should().Be(TradeInputs.FirstDrawing);
        terms.GetProperty("availableBalance").GetInt64().Should().Be(TradeInputs.SecondDrawing);

        (await Submit(issuing, "LetterOfCredit:RecordReimbursement", [creditId, firstPresentation], "ReimbursementRecorded", Banks))
            .GetProperty("status").GetString().Should().Be("Reimbursed");
        AssertParty((await Query(carrier, "BillOfLading:Get", firstBill)).GetProperty("holder"), TradeInputs.IssuingBank, TradeInputs.Importer);

        // 9-14. Second shipment, loaded at Ningbo instead of Shanghai: over-drawing refused outright, the port
        // mismatch detected, honour refused until the bank's refusal has been waived by the importer.
        await Submit(carrier, "BillOfLading:Issue", [secondBill], "BillOfLadingIssued", CarrierPeer,
            new() { ["document"] = inputs.BillOfLading("CNNGB"), ["salt"] = salts[3] });

        AssertRefused(await exporter.SubmitRefusedAsync("LetterOfCredit:Present", [creditId, secondPresentation, secondBill], Banks,
                new Dictionary<string, object> { ["claim"] = inputs.Claim(TradeInputs.SecondDrawing + 1), ["salt"] = salts[4] }, cancellationToken),
            422, "UCP 600 Art. 30", markers);

        var discrepant = await Submit(exporter, "LetterOfCredit:Present", [creditId, secondPresentation, secondBill], "DocumentsPresented", Banks,
            new() { ["claim"] = inputs.Claim(TradeInputs.SecondDrawing), ["salt"] = salts[5] });
        discrepant.GetProperty("detectedDiscrepancies").EnumerateArray().Select(c => c.GetString()).Should().Equal("PortOfLoadingMismatch");
        discrepant.GetProperty("examinationDeadline").GetString().Should().NotBeNullOrEmpty();

        AssertRefused(await issuing.SubmitRefusedAsync("LetterOfCredit:Honour", [creditId, secondPresentation], Banks, cancellationToken: cancellationToken),
            422, "UCP 600 Art. 16", markers);

        var refused = await Submit(issuing, "LetterOfCredit:Refuse", [creditId, secondPresentation], "PresentationRefused", Banks,
            new() { ["notice"] = TradeInputs.NoticeHoldingPendingWaiver() });
        refused.GetProperty("status").GetString().Should().Be("Refused");
        refused.GetProperty("refusalDiscrepancies").EnumerateArray().Select(c => c.GetString()).Should().Equal("PortOfLoadingMismatch");
        refused.GetProperty("disposal").GetString().Should().Be("HoldingPendingWaiver");

        AssertRefused(await issuing.SubmitRefusedAsync("LetterOfCredit:Honour", [creditId, secondPresentation], Banks, cancellationToken: cancellationToken),
            409, "it is Refused, but must be Presented or Waived", markers);

        (await Submit(importer, "LetterOfCredit:WaiveDiscrepancies", [creditId, secondPresentation], "DiscrepanciesWaived", Banks))
            .GetProperty("status").GetString().Should().Be("Waived");
        (await Submit(issuing, "LetterOfCredit:Honour", [creditId, secondPresentation], "PresentationHonoured", Banks))
            .GetProperty("status").GetString().Should().Be("Honoured");

        var credit = await Query(importer, "LetterOfCredit:GetCredit", creditId);
        credit.GetProperty("status").GetString().Should().Be("FullyDrawn");
        credit.GetProperty("honouredDrawings").GetInt32().Should().Be(2);
        terms = await Query(issuing, "LetterOfCredit:GetTerms", creditId);
        terms.GetProperty("drawnAmount").GetInt64().Should().Be(TradeInputs.CreditAmount);
        terms.GetProperty("availableBalance").GetInt64().Should().Be(0);

        await Submit(issuing, "LetterOfCredit:RecordReimbursement", [creditId, secondPresentation], "ReimbursementRecorded", Banks);
        AssertParty((await Query(importer, "BillOfLading:Get", secondBill)).GetProperty("holder"), TradeInputs.IssuingBank, TradeInputs.Importer);
        (await Query(issuing, "LetterOfCredit:ListPresentations", creditId)).EnumerateArray()
            .Select(p => (p.GetProperty("presentationId").GetString(), p.GetProperty("status").GetString()))
            .Should().BeEquivalentTo([(firstPresentation, "Reimbursed"), (secondPresentation, "Reimbursed")]);

        // 15-16. The importer, now holder, surrenders the second bill to the carrier for delivery.
        (await Submit(importer, "BillOfLading:RequestSurrender", [secondBill, "Delivery"], "BillOfLadingSurrenderRequested", []))
            .GetProperty("status").GetString().Should().Be("PENDING_SURRENDER_FOR_DELIVERY");
        var surrendered = await Submit(carrier, "BillOfLading:AcceptSurrender", [secondBill], "BillOfLadingSurrenderAccepted", CarrierPeer);
        surrendered.GetProperty("status").GetString().Should().Be("SURRENDERED_FOR_DELIVERY");
        AssertParty(surrendered.GetProperty("holder"), TradeInputs.Carrier, null);
        (await Query(importer, "BillOfLading:GetEndorsementChain", secondBill)).EnumerateArray()
            .Select(e => e.GetProperty("action").GetString())
            .Should().Equal("Issue", "TransferOnHonour", "TransferOnReimbursement", "SurrenderForDelivery", "SurrenderAccepted");

        var run = new ScenarioRun(inputs, parties, markers, journal.Min(t => t.BlockNumber), journal.Max(t => t.BlockNumber));
        await AssertOneEventPerTransactionAsync(issuing, journal, creditId, [firstBill, secondBill], markers, cancellationToken);
        await AssertCarrierCannotReadCreditTermsAsync(run, creditId, cancellationToken);
        await AssertBlocksHoldNoPrivateValuesAsync(network, run, cancellationToken);
        return run;
    }

    private static async Task ConfigureAsync(TradeActor issuing, List<CommittedTransaction> journal, CancellationToken cancellationToken)
    {
        try
        {
            var committed = await issuing.SubmitAsync("TradeConfiguration:Initialize", [TradeInputs.Configuration()], "TradeConfigurationInitialized",
                TradeActor.Organizations, cancellationToken: cancellationToken);
            journal.Add(committed);
        }
        catch (EndorseException error) when (error.Details.Any(d => d.Message.Contains("already configured", StringComparison.Ordinal)))
        {
            // A real test-network keeps its ledger, and the dev network is shared with the REST walkthrough: the
            // configuration in force must be the one this scenario needs.
        }

        var configuration = await issuing.EvaluateAsync("TradeConfiguration:Get", [], cancellationToken: cancellationToken);
        configuration.GetProperty("issuingBanks").EnumerateArray().Select(m => m.GetString()).Should().Equal(TradeInputs.IssuingBank);
        configuration.GetProperty("advisingBanks").EnumerateArray().Select(m => m.GetString()).Should().Equal(TradeInputs.AdvisingBank);
        configuration.GetProperty("carriers").EnumerateArray().Select(m => m.GetString()).Should().Equal(TradeInputs.Carrier);
        configuration.GetProperty("creditCollection").GetString().Should().Be(TradeInputs.CreditCollection);
    }

    /// <summary>
    /// The chaincode events of the scenario, read back from its first block through the chaincode events API: exactly one
    /// per transaction, the expected name, IDs and states in the payload, never a private value.
    /// </summary>
    private static async Task AssertOneEventPerTransactionAsync(
        TradeActor reader, List<CommittedTransaction> journal, string creditId, string[] billIds, IReadOnlyDictionary<string, byte[]> markers,
        CancellationToken cancellationToken)
    {
        var expected = journal.ToDictionary(t => t.TransactionId, StringComparer.Ordinal);
        var received = new List<ChaincodeEvent>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var options = new EventsOptions { StartBlock = journal.Min(t => t.BlockNumber) };
        await foreach (var chaincodeEvent in reader.Network().GetChaincodeEventsAsync(TradeActor.Chaincode, options, timeout.Token))
        {
            if (expected.ContainsKey(chaincodeEvent.TransactionId))
            {
                received.Add(chaincodeEvent);
            }

            if (chaincodeEvent.TransactionId == journal[^1].TransactionId)
            {
                break;
            }
        }

        received.Select(e => (e.TransactionId, e.EventName, e.BlockNumber))
            .Should().Equal(journal.Select(t => (t.TransactionId, t.ExpectedEvent, t.BlockNumber)), "each state change emits exactly one event, in commit order");
        foreach (var chaincodeEvent in received)
        {
            LedgerBytes.Find(chaincodeEvent.Payload.Span, markers).Should().BeEmpty("the payload of {0} carries IDs and states only", chaincodeEvent.EventName);
            using var payload = JsonDocument.Parse(chaincodeEvent.Payload);
            payload.RootElement.GetProperty("txId").GetString().Should().Be(chaincodeEvent.TransactionId);
            if (chaincodeEvent.EventName.StartsWith("BillOfLading", StringComparison.Ordinal))
            {
                payload.RootElement.GetProperty("billOfLadingId").GetString().Should().BeOneOf(billIds);
                payload.RootElement.GetProperty("holder").GetProperty("mspId").GetString().Should().BeOneOf(TradeActor.Organizations);
            }
            else if (!chaincodeEvent.EventName.StartsWith("TradeConfiguration", StringComparison.Ordinal))
            {
                payload.RootElement.GetProperty("creditId").GetString().Should().Be(creditId);
            }
        }

        var refusal = received.Single(e => e.EventName == "PresentationRefused");
        using (var payload = JsonDocument.Parse(refusal.Payload))
        {
            payload.RootElement.GetProperty("presentationStatus").GetString().Should().Be("Refused");
            payload.RootElement.GetProperty("discrepancyCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal("PortOfLoadingMismatch");
        }

        using var lastHonour = JsonDocument.Parse(received.Last(e => e.EventName == "PresentationHonoured").Payload);
        lastHonour.RootElement.GetProperty("creditStatus").GetString().Should().Be("FullyDrawn");
        lastHonour.RootElement.GetProperty("billOfLadingId").GetString().Should().NotBeNullOrEmpty();
    }

    /// <summary>
    /// The carrier is not a member of the banks' collection: its officers are refused by the chaincode on any peer,
    /// and its peer holds no copy of the terms even for a bank officer who asks it; the banks' own peers answer.
    /// </summary>
    private static async Task AssertCarrierCannotReadCreditTermsAsync(ScenarioRun run, string creditId, CancellationToken cancellationToken)
    {
        var (issuing, _, carrier, _, _) = run.Parties;
        AssertRefused(await carrier.EvaluateRefusedAsync("LetterOfCredit:GetTerms", [creditId], cancellationToken: cancellationToken),
            403, "Only the banks, the applicant and the beneficiary", run.PrivateMarkers);
        AssertRefused(await carrier.EvaluateRefusedAsync("LetterOfCredit:GetTerms", [creditId], TradeInputs.IssuingBank, cancellationToken),
            403, "Only the banks, the applicant and the beneficiary", run.PrivateMarkers);

        // The carrier's peer knows the hash of the terms (public block) but not the terms: Fabric's ledger refuses the
        // chaincode's read with this message, and the chaincode fails the query (500) without revealing anything.
        var onCarrierPeer = await issuing.EvaluateRefusedAsync("LetterOfCredit:GetTerms", [creditId], TradeInputs.Carrier, cancellationToken);
        AssertRefused(onCarrierPeer, 500, "private data matching public hash version is not available", run.PrivateMarkers);
        onCarrierPeer.Details.Should().OnlyContain(d => d.MspId == TradeInputs.Carrier, "the query ran on the carrier's peer");

        var onAdvisingPeer = await issuing.EvaluateAsync("LetterOfCredit:GetTerms", [creditId], TradeInputs.AdvisingBank, cancellationToken);
        onAdvisingPeer.GetProperty("terms").GetProperty("amount").GetInt64().Should().Be(TradeInputs.CreditAmount, "the other bank's peer holds the terms");

        // Blocks with private data, as each peer delivers them: the carrier's peer has the transport documents only.
        var carrierWrites = await LedgerBytes.PrivateWritesAsync(carrier.Network(), run.FirstBlock, run.LastBlock, cancellationToken);
        carrierWrites.Select(w => w.Collection).Should().Contain(TradeInputs.DocumentCollection).And.NotContain(TradeInputs.CreditCollection);
        carrierWrites.SelectMany(w => LedgerBytes.Find(w.Bytes, CreditOnlyMarkers(run))).Should().BeEmpty();
        carrierWrites.Should().Contain(w => LedgerBytes.Find(w.Bytes, run.PrivateMarkers).Contains("vessel name"), "the search finds what the carrier may see");

        var bankWrites = await LedgerBytes.PrivateWritesAsync(issuing.Network(), run.FirstBlock, run.LastBlock, cancellationToken);
        bankWrites.Where(w => w.Collection == TradeInputs.CreditCollection).SelectMany(w => LedgerBytes.Find(w.Bytes, run.PrivateMarkers))
            .Should().Contain(["credit amount", "first drawing", "second drawing"], "the banks' peers hold the terms the search looks for");
    }

    /// <summary>Every block of the scenario, as the peers deliver it to any member of the channel: no private value in any byte.</summary>
    private static async Task AssertBlocksHoldNoPrivateValuesAsync(FabricTestNetwork network, ScenarioRun run, CancellationToken cancellationToken)
    {
        // The embedded network's trade channel holds only this scenario's blocks: read it from the genesis block.
        var first = network.IsEmbedded ? 0 : run.FirstBlock;
        foreach (var reader in new[] { run.Parties.CarrierOfficer, run.Parties.IssuingOfficer })
        {
            var blocks = await LedgerBytes.BlocksAsync(reader.Network(), first, run.LastBlock, cancellationToken);
            blocks.Select(b => b.Number).Should().Equal(Enumerable.Range((int)first, (int)(run.LastBlock - first + 1)).Select(n => (ulong)n));
            foreach (var (number, bytes) in blocks)
            {
                LedgerBytes.Find(bytes, run.PrivateMarkers).Should().BeEmpty("block {0} as delivered by {1}'s peer must not hold private values", number, reader.MspId);
            }
        }
    }

    /// <summary>
    /// The dev network's files, where a real deployment would keep them: the orderer's chain and every peer's blocks
    /// hold no private value; the carrier's private data store holds no credit term, the issuing bank's does.
    /// </summary>
    private static async Task AssertNodeFilesHoldNoCreditTermsOutsideTheBanksAsync(DevNetworkProcess network, ScenarioRun run, CancellationToken cancellationToken)
    {
        var data = network.DataDirectory;
        var blockFiles = Directory.GetFiles(data, "blocks.dat", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}{TradeActor.Channel}{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        blockFiles.Should().HaveCount(4, "the orderer and the three peers of the trade channel each keep a chain");
        foreach (var file in blockFiles)
        {
            LedgerBytes.Find(await File.ReadAllBytesAsync(file, cancellationToken), run.PrivateMarkers).Should().BeEmpty("{0} must not hold private values", file);
        }

        var carrierStore = PrivateStore(data, "carrier.example.com");
        LedgerBytes.Find(await File.ReadAllBytesAsync(carrierStore, cancellationToken), CreditOnlyMarkers(run)).Should().BeEmpty();
        LedgerBytes.Find(await File.ReadAllBytesAsync(PrivateStore(data, "issuingbank.example.com"), cancellationToken), run.PrivateMarkers)
            .Should().Contain("credit amount", "the issuing bank's peer stores the terms, which proves the search would find them");
    }

    private static string PrivateStore(string dataDirectory, string domain) =>
        Path.Combine(dataDirectory, "peers", $"peer0.{domain}", TradeActor.Channel, "pvtdata.dat");

    /// <summary>What only the banks may hold: the amounts (the goods and addresses are also in the carrier's transport documents).</summary>
    private static Dictionary<string, byte[]> CreditOnlyMarkers(ScenarioRun run) =>
        run.PrivateMarkers.Where(m => m.Key.Contains("amount", StringComparison.Ordinal) || m.Key.Contains("drawing", StringComparison.Ordinal))
            .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);

    /// <summary>
    /// A refusal as the client exposes it: the chaincode's status and wording in the details of each endorser that
    /// refused, which names its organization; no private value anywhere in the error.
    /// </summary>
    private static void AssertRefused(GatewayException error, int status, string wording, IReadOnlyDictionary<string, byte[]> markers)
    {
        error.StatusCode.Should().NotBe(StatusCode.OK);
        error.Details.Should().NotBeEmpty("Fabric's gateway names each endorser that failed");
        foreach (var detail in error.Details)
        {
            detail.Message.Should().StartWith($"chaincode response {status}, ").And.Contain(wording);
            detail.MspId.Should().BeOneOf(TradeActor.Organizations);
            detail.Address.Should().NotBeNullOrEmpty();
        }

        LedgerBytes.Find(Encoding.UTF8.GetBytes(error.ToString()), markers).Should().BeEmpty("errors never carry private values");
    }

    private static void AssertParty(JsonElement party, string mspId, string? companyId)
    {
        party.GetProperty("mspId").GetString().Should().Be(mspId);
        (party.TryGetProperty("companyId", out var company) ? company.GetString() : null).Should().Be(companyId);
    }
}
