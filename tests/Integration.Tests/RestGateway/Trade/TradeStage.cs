using System.Text.Json.Nodes;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Integration.Tests.TradeFinance;
using static Integration.Tests.RestGateway.Trade.TradeCallers;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>
/// A ledger state for the refusal table and the authorization matrix, made once per network over REST. Neither of
/// them changes it (every refusal is refused at endorsement; every allowed call of the matrix meets a state that does
/// not fit it, except the configuration update, which writes the configuration in force again), so both can read it
/// in any order.
/// </summary>
/// <param name="CreditId">Advised (applicant IMP-001 under the issuing bank, beneficiary EXP-001 under the advising bank); one drawing honoured; no amendment pending.</param>
/// <param name="AnsweredAmendmentId">An amendment of the credit, rejected by the beneficiary.</param>
/// <param name="HonouredPresentationId">Honoured (not reimbursed): its eB/L is held by the issuing bank under it.</param>
/// <param name="DiscrepantPresentationId">Presented with a port of loading mismatch, neither refused nor honoured.</param>
/// <param name="HonouredBillId">The eB/L of the honoured presentation.</param>
/// <param name="FreeBillId">Issued to the exporter, who still holds it, under no presentation.</param>
/// <param name="PresentedBillId">The exporter's eB/L held under the discrepant presentation.</param>
/// <param name="LapsedApplicationId">Applied for ten days ago, never issued, its expiry date passed.</param>
internal sealed record TradeStage(
    TradeInputs Inputs,
    string CreditId,
    string AnsweredAmendmentId,
    string HonouredPresentationId,
    string DiscrepantPresentationId,
    string HonouredBillId,
    string FreeBillId,
    string PresentedBillId,
    string LapsedApplicationId)
{
    /// <summary>What the discrepant presentation draws (within the balance, so that only the discrepancy stands in its way).</summary>
    public const long SmallDrawing = 1_000_000;

    public static async Task<TradeStage> PrepareAsync(
        TradeRestSession rest, FabricTestNetwork network, IReadOnlyDictionary<string, TestUser> users, CancellationToken ct)
    {
        var inputs = TradeInputs.ForToday(TimeProvider.System);
        var stage = new TradeStage(
            inputs, UniqueIds.New("LC-S"), UniqueIds.New("A-S"), UniqueIds.New("P1-S"), UniqueIds.New("P2-S"),
            UniqueIds.New("BL1-S"), UniqueIds.New("BL2-S"), UniqueIds.New("BL3-S"), UniqueIds.New("LC-LAPSED"));

        await Task.WhenAll(
            stage.OpenCreditAsync(rest, ct),
            IssueBillAsync(rest, inputs, stage.HonouredBillId, "CNSHA", ct),
            IssueBillAsync(rest, inputs, stage.FreeBillId, "CNSHA", ct),
            IssueBillAsync(rest, inputs, stage.PresentedBillId, "CNNGB", ct),
            BackdatedCredits.ApplyAsync(network, inputs, stage.LapsedApplicationId, users[Importer], issuingOfficer: null, rest.WaitUntilEveryPeerHasAsync, ct));

        // Two presentations at once (they read the credit, neither writes it), then the first is honoured.
        await Task.WhenAll(
            PresentAsync(rest, stage, stage.HonouredPresentationId, stage.HonouredBillId, TradeInputs.FirstDrawing, ct),
            PresentAsync(rest, stage, stage.DiscrepantPresentationId, stage.PresentedBillId, SmallDrawing, ct));
        (await rest.SubmitAsync(IssuingOfficer, TradeRoutes.Honour, [stage.CreditId, stage.HonouredPresentationId], null, ct))
            .GetProperty("status").GetString().Should().Be("Honoured");
        return stage;
    }

    /// <summary>The first private term of the stage found in <paramref name="text"/> (amount, goods, applicant's address, vessel), or null.</summary>
    public string? PrivateValueIn(string text)
    {
        (string Name, string Value)[] terms =
        [
            ("credit amount", TradeInputs.CreditAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("goods description", Inputs.GoodsDescription),
            ("applicant address", Inputs.ApplicantAddress),
            ("vessel name", Inputs.VesselName),
        ];
        return terms.FirstOrDefault(t => text.Contains(t.Value, StringComparison.Ordinal)).Name;
    }

    /// <summary>The body of an application for <see cref="CreditId"/>'s terms (applicant IMP-001).</summary>
    public object Application(string creditId) => new { creditId, terms = JsonNode.Parse(Inputs.Terms()) };

    /// <summary>A valid claim of <paramref name="amount"/> with the exporter's document hashes.</summary>
    public JsonNode Claim(long amount) => JsonNode.Parse(Inputs.Claim(amount))!;

    /// <summary>A valid eB/L issue request: the exporter as shipper, shipped today.</summary>
    public object BillIssue(string billOfLadingId, string portOfLoading = "CNSHA") =>
        new { billOfLadingId, document = JsonNode.Parse(Inputs.BillOfLading(portOfLoading)) };

    private async Task OpenCreditAsync(TradeRestSession rest, CancellationToken ct)
    {
        (await rest.SubmitAsync(Importer, TradeRoutes.Credits, [], Application(CreditId), ct, expectedStatus: 201))
            .GetProperty("status").GetString().Should().Be("Applied");
        await rest.SubmitAsync(IssuingOfficer, TradeRoutes.Issue, [CreditId], null, ct);
        await rest.SubmitAsync(AdvisingOfficer, TradeRoutes.Advise, [CreditId], null, ct);
        await rest.SubmitAsync(
            IssuingOfficer, TradeRoutes.Amendments, [CreditId], new { amendmentId = AnsweredAmendmentId, changes = new { amount = TradeInputs.CreditAmount + 1 } },
            ct, expectedStatus: 201);
        (await rest.SubmitAsync(Exporter, TradeRoutes.RejectAmendment, [CreditId, AnsweredAmendmentId], null, ct))
            .GetProperty("status").GetString().Should().Be("Rejected");
    }

    private static async Task IssueBillAsync(TradeRestSession rest, TradeInputs inputs, string billOfLadingId, string portOfLoading, CancellationToken ct) =>
        (await rest.SubmitAsync(
            CarrierOfficer, TradeRoutes.Bills, [], new { billOfLadingId, document = JsonNode.Parse(inputs.BillOfLading(portOfLoading)) }, ct, expectedStatus: 201))
        .GetProperty("status").GetString().Should().Be("ISSUED");

    private static async Task PresentAsync(TradeRestSession rest, TradeStage stage, string presentationId, string billOfLadingId, long amount, CancellationToken ct) =>
        (await rest.SubmitAsync(
            Exporter, TradeRoutes.Presentations, [stage.CreditId], new { presentationId, billOfLadingId, claim = stage.Claim(amount) }, ct, expectedStatus: 201))
        .GetProperty("status").GetString().Should().Be("Presented");
}
