using System.Text.Json;
using System.Text.Json.Nodes;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Integration.Tests.TradeFinance;
using static Integration.Tests.RestGateway.Trade.TradeCallers;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>
/// The happy paths: the configuration read and changed; a credit applied, issued, advised, amended twice (one
/// amendment accepted, one rejected), drawn against two eB/Ls (one presentation honoured and reimbursed, one refused
/// and waived); an application withdrawn; a lapsed credit expired; an eB/L endorsed on, surrendered, the surrender
/// rejected, surrendered again, accepted and voided. Private data is read back by the parties only.
/// </summary>
public sealed partial class TradeEndpointsOverRestTests
{
    /// <summary>The amount after the accepted amendment.</summary>
    private const long AmendedAmount = TradeInputs.CreditAmount + 1_000_000;

    private const long RefusedDrawing = 1_000_000;

    private async Task HappyPathsAsync(FabricTestNetwork network)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var ct = timeout.Token;
        await using var rest = await StartAsync(network, ct);
        var users = await fixture.UsersAsync(network, ct);
        var inputs = TradeInputs.ForToday(TimeProvider.System);
        var (creditId, firstBill, secondBill) = (UniqueIds.New("LC-H"), UniqueIds.New("BL1-H"), UniqueIds.New("BL2-H"));

        var initialized = await TradeOverRestFixture.EnsureConfiguredAsync(rest, ct);
        await ConfigurationUpdateAsync(rest, inputs, ct);

        // Independent objects at once: the credit's first steps, both bills, a withdrawn and an expired credit.
        await Task.WhenAll(
            CreditAndAmendmentsAsync(rest, inputs, creditId, ct),
            IssueBillAsync(rest, inputs, firstBill, "CNSHA", ct),
            IssueBillAsync(rest, inputs, secondBill, "CNNGB", ct),
            WithdrawnApplicationAsync(rest, inputs, ct),
            ExpiredCreditAsync(rest, network, users, inputs, ct));

        await PresentationsAsync(rest, inputs, creditId, firstBill, secondBill, ct);
        await BillAfterTheCreditAsync(rest, inputs, firstBill, ct);

        AssertEveryTradeEndpointAnswered2xx(rest, initialized);
    }

    /// <summary>
    /// The coverage check: the (method, route pattern) pairs that answered 2xx are exactly the gateway's endpoints
    /// under /api/trade, so an endpoint added without a test fails here. The initialization is the one exception
    /// the shared network forces: when another test configured the channel first, its answer is the chaincode's
    /// 409 "already configured", which proves the request reached TradeConfiguration:Initialize.
    /// </summary>
    private static void AssertEveryTradeEndpointAnswered2xx(TradeRestSession rest, RestAnswer initialized)
    {
        var catalog = EndpointCoverage.Catalog(rest.Services, "/api/trade/");
        catalog.Should().Contain(new EndpointKey("POST", TradeRoutes.Credits), "the catalog is read from the gateway's EndpointDataSource");
        var answered = rest.Coverage.Answered2xx.ToHashSet();
        if (initialized.Status == 409)
        {
            answered.Add(new EndpointKey("POST", TradeRoutes.Configuration));
        }

        answered.Should().BeEquivalentTo(catalog, "every trade endpoint must answer 2xx in a happy path (missing: {0}; unknown: {1})",
            string.Join(", ", catalog.Except(answered)), string.Join(", ", answered.Except(catalog)));
    }

    /// <summary>An update adding a holiday far in the future is read back, then the configuration in force is restored.</summary>
    private static async Task ConfigurationUpdateAsync(TradeRestSession rest, TradeInputs inputs, CancellationToken ct)
    {
        var original = JsonNode.Parse((await rest.QueryAsync(Importer, TradeRoutes.Configuration, [], ct)).GetRawText())!.AsObject();
        var holiday = inputs.Today.AddYears(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var changed = original.DeepClone().AsObject();
        changed["bankingCalendar"]!["holidays"]!.AsArray().Add(holiday);

        var updated = await rest.SubmitAsync(CarrierOfficer, TradeRoutes.Configuration, [], changed, ct, method: HttpMethod.Put);
        Holidays(updated).Should().Contain(holiday);
        Holidays(await rest.QueryAsync(Exporter, TradeRoutes.Configuration, [], ct)).Should().Contain(holiday, "the update is in force");

        var restored = await rest.SubmitAsync(IssuingOfficer, TradeRoutes.Configuration, [], original, ct, method: HttpMethod.Put);
        Holidays(restored).Should().NotContain(holiday);
        JsonNode.DeepEquals(JsonNode.Parse((await rest.QueryAsync(Importer, TradeRoutes.Configuration, [], ct)).GetRawText()), original)
            .Should().BeTrue("the configuration in force is the original again");

        static IEnumerable<string?> Holidays(JsonElement configuration) =>
            configuration.GetProperty("bankingCalendar").GetProperty("holidays").EnumerateArray().Select(h => h.GetString());
    }

    private static async Task CreditAndAmendmentsAsync(TradeRestSession rest, TradeInputs inputs, string creditId, CancellationToken ct)
    {
        var applied = await rest.SubmitAsync(Importer, TradeRoutes.Credits, [], new { creditId, terms = JsonNode.Parse(inputs.Terms()) }, ct, expectedStatus: 201);
        applied.GetProperty("status").GetString().Should().Be("Applied");
        applied.GetProperty("applicantCompanyId").GetString().Should().Be(TradeInputs.Importer);
        applied.GetProperty("beneficiaryCompanyId").GetString().Should().Be(TradeInputs.Exporter);
        applied.GetProperty("termsHash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        applied.GetRawText().Should().NotContain(inputs.GoodsDescription).And.NotContain(TradeInputs.CreditAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "the public record holds no term");
        (await rest.QueryAsync(CarrierOfficer, TradeRoutes.Credit, [creditId], ct)).GetProperty("status").GetString().Should().Be("Applied", "the public record is readable by any member");

        (await rest.SubmitAsync(IssuingOfficer, TradeRoutes.Issue, [creditId], null, ct)).GetProperty("status").GetString().Should().Be("Issued");
        (await rest.SubmitAsync(AdvisingOfficer, TradeRoutes.Advise, [creditId], null, ct)).GetProperty("status").GetString().Should().Be("Advised");

        // The terms come back to the parties, never to the carrier.
        var terms = await rest.QueryAsync(Exporter, TradeRoutes.Terms, [creditId], ct);
        terms.GetProperty("terms").GetProperty("amount").GetInt64().Should().Be(TradeInputs.CreditAmount);
        terms.GetProperty("terms").GetProperty("goodsDescription").GetString().Should().Be(inputs.GoodsDescription);
        terms.GetProperty("availableBalance").GetInt64().Should().Be(TradeInputs.CreditAmount);
        var byCarrier = await rest.SendAsync(CarrierOfficer, HttpMethod.Get, TradeRoutes.Terms, [creditId], null, ct);
        byCarrier.Status.Should().Be(403, "{0}", byCarrier);
        byCarrier.Text.Should().NotContain(inputs.GoodsDescription).And.NotContain(TradeInputs.CreditAmount.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // An amendment of the amount, accepted: the new terms are in force.
        var accepted = UniqueIds.New("A1");
        var proposed = await rest.SubmitAsync(IssuingOfficer, TradeRoutes.Amendments, [creditId], new { amendmentId = accepted, changes = new { amount = AmendedAmount } }, ct, expectedStatus: 201);
        proposed.GetProperty("status").GetString().Should().Be("Proposed");
        proposed.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()).Should().Equal("amount");
        (await rest.QueryAsync(CarrierOfficer, TradeRoutes.Amendment, [creditId, accepted], ct)).GetProperty("kind").GetString().Should().Be("Change");
        (await rest.QueryAsync(Exporter, TradeRoutes.AmendmentTerms, [creditId, accepted], ct)).GetProperty("newTerms").GetProperty("amount").GetInt64()
            .Should().Be(AmendedAmount);
        (await rest.SubmitAsync(Exporter, TradeRoutes.AcceptAmendment, [creditId, accepted], new { acceptedFields = new[] { "amount" } }, ct))
            .GetProperty("status").GetString().Should().Be("Accepted");
        (await rest.QueryAsync(Importer, TradeRoutes.Terms, [creditId], ct)).GetProperty("terms").GetProperty("amount").GetInt64()
            .Should().Be(AmendedAmount, "the accepted amendment is in force");

        // An amendment of the latest shipment date, rejected: the terms stay.
        var rejected = UniqueIds.New("A2");
        await rest.SubmitAsync(
            IssuingOfficer, TradeRoutes.Amendments, [creditId], new { amendmentId = rejected, changes = new { latestShipmentDate = inputs.Today.AddDays(50) } }, ct,
            expectedStatus: 201);
        var answer = await rest.SubmitAsync(Exporter, TradeRoutes.RejectAmendment, [creditId, rejected], null, ct);
        answer.GetProperty("status").GetString().Should().Be("Rejected");
        answer.GetProperty("rejection").GetString().Should().Be("RejectedByBeneficiary");
        var credit = await rest.QueryAsync(AdvisingOfficer, TradeRoutes.Credit, [creditId], ct);
        credit.GetProperty("acceptedAmendments").GetInt32().Should().Be(1);
        credit.GetProperty("pendingAmendmentId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    private static async Task IssueBillAsync(TradeRestSession rest, TradeInputs inputs, string billOfLadingId, string portOfLoading, CancellationToken ct)
    {
        var issued = await rest.SubmitAsync(
            CarrierOfficer, TradeRoutes.Bills, [], new { billOfLadingId, document = JsonNode.Parse(inputs.BillOfLading(portOfLoading)) }, ct, expectedStatus: 201);
        issued.GetProperty("status").GetString().Should().Be("ISSUED");
        AssertParty(issued.GetProperty("holder"), TradeInputs.AdvisingBank, TradeInputs.Exporter);
        issued.GetRawText().Should().NotContain(inputs.VesselName, "the transport document is private");
        (await rest.QueryAsync(Importer, TradeRoutes.Bill, [billOfLadingId], ct)).GetProperty("documentHash").GetString()
            .Should().Be(issued.GetProperty("documentHash").GetString());
    }

    private static async Task WithdrawnApplicationAsync(TradeRestSession rest, TradeInputs inputs, CancellationToken ct)
    {
        var creditId = UniqueIds.New("LC-W");
        await rest.SubmitAsync(Importer, TradeRoutes.Credits, [], new { creditId, terms = JsonNode.Parse(inputs.Terms()) }, ct, expectedStatus: 201);
        (await rest.SubmitAsync(Importer, TradeRoutes.Withdraw, [creditId], null, ct)).GetProperty("status").GetString().Should().Be("Cancelled");
        (await rest.QueryAsync(IssuingOfficer, TradeRoutes.Credit, [creditId], ct)).GetProperty("closedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    private static async Task ExpiredCreditAsync(
        TradeRestSession rest, FabricTestNetwork network, IReadOnlyDictionary<string, TestUser> users, TradeInputs inputs, CancellationToken ct)
    {
        var creditId = UniqueIds.New("LC-X");
        await BackdatedCredits.ApplyAsync(network, inputs, creditId, users[Importer], users[IssuingOfficer], rest.WaitUntilEveryPeerHasAsync, ct);
        (await rest.QueryAsync(AdvisingOfficer, TradeRoutes.Credit, [creditId], ct)).GetProperty("status").GetString().Should().Be("Issued");
        (await rest.SubmitAsync(AdvisingOfficer, TradeRoutes.Expire, [creditId], null, ct)).GetProperty("status").GetString().Should().Be("Expired");
    }

    private static async Task PresentationsAsync(
        TradeRestSession rest, TradeInputs inputs, string creditId, string firstBill, string secondBill, CancellationToken ct)
    {
        var (first, second) = (UniqueIds.New("P1"), UniqueIds.New("P2"));

        // A compliant presentation, honoured (the bill passes to the issuing bank), reimbursed (then to the importer).
        var presented = await rest.SubmitAsync(
            Exporter, TradeRoutes.Presentations, [creditId], new { presentationId = first, billOfLadingId = firstBill, claim = JsonNode.Parse(inputs.Claim(TradeInputs.FirstDrawing)) },
            ct, expectedStatus: 201);
        presented.GetProperty("status").GetString().Should().Be("Presented");
        presented.GetProperty("detectedDiscrepancies").EnumerateArray().Should().BeEmpty();
        (await rest.QueryAsync(Importer, TradeRoutes.PresentationDetails, [creditId, first], ct)).GetProperty("claim").GetProperty("amount").GetInt64()
            .Should().Be(TradeInputs.FirstDrawing);
        (await rest.SubmitAsync(IssuingOfficer, TradeRoutes.Honour, [creditId, first], null, ct)).GetProperty("status").GetString().Should().Be("Honoured");
        AssertParty((await rest.QueryAsync(CarrierOfficer, TradeRoutes.Bill, [firstBill], ct)).GetProperty("holder"), TradeInputs.IssuingBank, null);
        var terms = await rest.QueryAsync(AdvisingOfficer, TradeRoutes.Terms, [creditId], ct);
        terms.GetProperty("drawnAmount").GetInt64().Should().Be(TradeInputs.FirstDrawing);
        terms.GetProperty("availableBalance").GetInt64().Should().Be(AmendedAmount - TradeInputs.FirstDrawing);
        (await rest.SubmitAsync(IssuingOfficer, TradeRoutes.Reimbursement, [creditId, first], null, ct)).GetProperty("status").GetString().Should().Be("Reimbursed");
        AssertParty((await rest.QueryAsync(Exporter, TradeRoutes.Bill, [firstBill], ct)).GetProperty("holder"), TradeInputs.IssuingBank, TradeInputs.Importer);

        // A discrepant presentation (port of loading), refused, the discrepancy waived by the importer.
        var discrepant = await rest.SubmitAsync(
            Exporter, TradeRoutes.Presentations, [creditId], new { presentationId = second, billOfLadingId = secondBill, claim = JsonNode.Parse(inputs.Claim(RefusedDrawing)) },
            ct, expectedStatus: 201);
        discrepant.GetProperty("detectedDiscrepancies").EnumerateArray().Select(d => d.GetString()).Should().Equal("PortOfLoadingMismatch");
        var details = await rest.QueryAsync(Exporter, TradeRoutes.PresentationDetails, [creditId, second], ct);
        details.GetProperty("detectedDiscrepancies")[0].GetProperty("code").GetString().Should().Be("PortOfLoadingMismatch");
        details.GetProperty("detectedDiscrepancies")[0].GetProperty("description").GetString().Should().Contain("CNNGB");
        var refused = await rest.SubmitAsync(IssuingOfficer, TradeRoutes.Refuse, [creditId, second], new { discrepancies = Array.Empty<object>(), disposal = "HoldingPendingWaiver" }, ct);
        refused.GetProperty("status").GetString().Should().Be("Refused");
        refused.GetProperty("refusalDiscrepancies").EnumerateArray().Select(d => d.GetString()).Should().Equal("PortOfLoadingMismatch");
        refused.GetProperty("disposal").GetString().Should().Be("HoldingPendingWaiver");
        (await rest.SubmitAsync(Importer, TradeRoutes.Waive, [creditId, second], null, ct)).GetProperty("status").GetString().Should().Be("Waived");

        (await rest.QueryAsync(CarrierOfficer, TradeRoutes.Presentations, [creditId], ct)).EnumerateArray()
            .Select(p => (p.GetProperty("presentationId").GetString(), p.GetProperty("status").GetString()))
            .Should().Equal([(first, "Reimbursed"), (second, "Waived")], "every presentation of the credit, in ID order (the endpoint does not paginate)");
        (await rest.QueryAsync(Exporter, TradeRoutes.Presentation, [creditId, second], ct)).GetProperty("waivedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    /// <summary>The importer, holder after reimbursement, endorses the bill on; the new holder surrenders it, is rejected, surrenders again; the carrier accepts and voids.</summary>
    private static async Task BillAfterTheCreditAsync(TradeRestSession rest, TradeInputs inputs, string billOfLadingId, CancellationToken ct)
    {
        var exporterParty = new { mspId = TradeInputs.AdvisingBank, companyId = TradeInputs.Exporter };
        var endorsed = await rest.SubmitAsync(Importer, TradeRoutes.Transfer, [billOfLadingId], new { action = "Endorse", recipient = exporterParty }, ct);
        AssertParty(endorsed.GetProperty("holder"), TradeInputs.AdvisingBank, TradeInputs.Exporter);
        var document = await rest.QueryAsync(Exporter, TradeRoutes.Document, [billOfLadingId], ct);
        document.GetProperty("document").GetProperty("vesselName").GetString().Should().Be(inputs.VesselName, "the holder reads the transport document");

        (await rest.SubmitAsync(Exporter, TradeRoutes.Surrender, [billOfLadingId], new { reason = "Delivery" }, ct))
            .GetProperty("status").GetString().Should().Be("PENDING_SURRENDER_FOR_DELIVERY");
        var rejected = await rest.SubmitAsync(CarrierOfficer, TradeRoutes.RejectSurrender, [billOfLadingId], null, ct);
        rejected.GetProperty("status").GetString().Should().Be("ISSUED");
        AssertParty(rejected.GetProperty("holder"), TradeInputs.AdvisingBank, TradeInputs.Exporter);
        (await rest.SubmitAsync(Exporter, TradeRoutes.Surrender, [billOfLadingId], new { reason = "Amendment" }, ct))
            .GetProperty("status").GetString().Should().Be("PENDING_SURRENDER_FOR_AMENDMENT");
        var accepted = await rest.SubmitAsync(CarrierOfficer, TradeRoutes.AcceptSurrender, [billOfLadingId], null, ct);
        accepted.GetProperty("status").GetString().Should().Be("SURRENDERED_FOR_AMENDMENT");
        AssertParty(accepted.GetProperty("holder"), TradeInputs.Carrier, null);
        (await rest.SubmitAsync(CarrierOfficer, TradeRoutes.VoidBill, [billOfLadingId], null, ct)).GetProperty("status").GetString().Should().Be("VOID");

        (await rest.QueryAsync(Importer, TradeRoutes.Endorsements, [billOfLadingId], ct)).EnumerateArray().Select(e => e.GetProperty("action").GetString())
            .Should().Equal(
                "Issue", "TransferOnHonour", "TransferOnReimbursement", "Endorse", "SurrenderForDelivery", "SurrenderRejected",
                "SurrenderForAmendment", "SurrenderAccepted", "Void");
    }

    private static void AssertParty(JsonElement party, string mspId, string? companyId)
    {
        party.GetProperty("mspId").GetString().Should().Be(mspId);
        (party.TryGetProperty("companyId", out var company) ? company.GetString() : null).Should().Be(companyId);
    }
}
