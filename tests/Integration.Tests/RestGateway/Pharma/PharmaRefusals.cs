using Integration.Tests.Infrastructure;
using Integration.Tests.PharmaSettlement;
using Xunit.Abstractions;
using static Integration.Tests.RestGateway.Pharma.PharmaRoles;
using static Integration.Tests.RestGateway.Pharma.PharmaRoutes;

namespace Integration.Tests.RestGateway.Pharma;

/// <summary>
/// One refusal (or more) per pharma endpoint, against the state the flows left: 400 naming the field (from the
/// gateway's own checks, in <c>errors</c>, or from the chaincode, whose message starts with the field), 404 for an
/// unknown asset, 409 for a wrong state or a duplicate, 422 for a business rule. Each row states the status, the
/// ProblemDetails type and words of the reason. Every row is a refusal at endorsement or before: nothing is committed.
/// </summary>
internal static class PharmaRefusals
{
    private sealed record Refusal(string Caller, PharmaRoute Route, string[] Values, object? Body, int Status, string Type, string Why, string? Field = null);

    public static async Task<IReadOnlyList<string>> CheckAsync(PharmaRestScenario s, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var rows = Rows(s);
        var mismatches = new List<string>();

        // GET /api/pharma/configuration refuses only while the chaincode is unconfigured (409), which the flows check
        // when they find it so; every other route needs a row here.
        var catalog = PharmaOverRestTests.CatalogOf(s.Rest.GatewayServices);
        var missing = catalog.Except(rows.Select(r => r.Route)).Except([GetConfiguration]).ToList();
        mismatches.AddRange(missing.Select(route => $"{route}: no refusal in the table"));

        foreach (var row in rows)
        {
            var answer = await s.Rest.CallAsync(row.Caller, row.Route, row.Values, row.Body, cancellationToken);
            var why = row.Field is null
                ? answer.Detail.Contains(row.Why, StringComparison.Ordinal)
                : answer.ErrorFields.Contains(row.Field) || answer.Detail.StartsWith($"{row.Field}: ", StringComparison.Ordinal);
            if (answer.Status != row.Status || answer.ProblemType != row.Type || answer.MediaType != "application/problem+json" || !why)
            {
                mismatches.Add($"{row.Route} as {row.Caller}: expected {row.Status} {row.Type} '{row.Field ?? row.Why}', got {answer}");
            }

            mismatches.AddRange(s.PrivateValuesIn(answer).Select(value => $"{row.Route} as {row.Caller}: the refusal carries the private value {value}: {answer}"));
        }

        output.WriteLine($"{rows.Count} refusals over {rows.Select(r => r.Route).Distinct().Count()} routes.");
        return mismatches;
    }

    private static List<Refusal> Rows(PharmaRestScenario s)
    {
        var gtin = s.Product.Gtin;
        var unknownGtin = Gs1Keys.NewDrugProduct().Gtin;
        var badGtin = gtin[..^1] + (char)('0' + ((gtin[^1] - '0' + 1) % 10));
        var otherNdc = Gs1Keys.NewDrugProduct().Ndc;
        var unknown = UniqueIds.New("none");
        var unknownCase = Gs1Keys.NewSscc();
        const string OtherLot = "NEVERRECALLED";
        var configuration = PharmaRestScenario.Configuration;

        return
        [
            new(MfrAdmin, InitializeConfiguration, [], configuration, 409, "conflict", "already configured"),
            new(MfrAdmin, UpdateConfiguration, [], new { manufacturers = new[] { Manufacturer }, wholesalers = new[] { Wholesaler }, dispensers = new[] { Pharmacy } },
                400, "validation", "", "pricingCollection"),

            new(MfrStaff, RegisterProduct, [], new { gtin = Gs1Keys.NewDrugProduct().Gtin, ndc = otherNdc, name = "x", strength = "1 mg", dosageForm = "tablet" },
                400, "validation", "", "ndc"),
            new(MfrStaff, RegisterProduct, [], new { gtin = badGtin, ndc = s.Product.Ndc, name = "x", strength = "1 mg", dosageForm = "tablet" }, 400, "validation", "", "gtin"),
            new(MfrNone, GetProduct, [unknownGtin], null, 404, "not-found", "does not exist"),
            new(MfrStaff, SetWac, [gtin], new { currency = s.Currency, price = 1, effectiveFrom = s.WacEffectiveFrom }, 409, "conflict", "already exists"),
            new(MfrStaff, SetWac, [unknownGtin], new { currency = s.Currency, price = 1, effectiveFrom = s.Today }, 404, "not-found", "does not exist"),
            new(WhlStaff, GetWac, [gtin, PharmaRestScenario.Iso(s.WacEffectiveFrom.AddDays(-1))], null, 404, "not-found", "WAC of product"),

            new(MfrStaff, CommissionUnits, [], new { gtin, lot = OtherLot, expiry = s.Today, serials = new[] { "NEW1" } }, 400, "validation", "", "expiry"),
            new(MfrStaff, CommissionUnits, [], new { gtin, lot = OtherLot, expiry = s.Expiry, serials = new[] { PharmaRestScenario.Serials[0] } }, 409, "conflict", "already commissioned"),
            new(MfrNone, VerifyUnit, [badGtin, PharmaRestScenario.Serials[0]], null, 400, "validation", "", "gtin"),
            new(PharmStaff, DispenseUnit, [gtin, PharmaRestScenario.Serials[3]], null, 422, "business-rule", $"dispensing refused: unit {gtin}/{PharmaRestScenario.Serials[3]} is refused"),
            new(MfrStaff, DecommissionUnit, [gtin, PharmaRestScenario.Serials[8]], null, 422, "business-rule", "it was decommissioned"),
            new(WhlQuality, ReinstateUnit, [gtin, PharmaRestScenario.Serials[0]], null, 422, "business-rule", "its lot is recalled"),
            new(MfrStaff, DecommissionUnit, [unknownGtin, "SN01"], null, 404, "not-found", "does not exist"),

            new(MfrStaff, PackCase, [], new { caseId = s.ReceivedCase, units = new[] { s.Unit(PharmaRestScenario.Serials[11]) } }, 409, "conflict", "already exists"),
            new(MfrStaff, UnpackCase, [s.InTransitCase], null, 409, "conflict", "in transit and cannot be unpacked"),
            new(MfrNone, GetCase, [unknownCase], null, 404, "not-found", "does not exist"),

            new(MfrStaff, Ship, [], new { shipmentId = UniqueIds.New("SH"), to = Wholesaler, isReturn = false, units = new[] { s.Unit(PharmaRestScenario.Serials[11]) } },
                422, "business-rule", "its lot is recalled"),
            new(MfrStaff, Ship, [], new { shipmentId = UniqueIds.New("SH"), to = Wholesaler, isReturn = false }, 400, "validation", "", "units"),
            new(WhlStaff, Receive, [s.ShipmentId], null, 409, "conflict", "already received"),
            new(WhlStaff, Receive, [unknown], null, 404, "not-found", "does not exist"),
            new(MfrNone, GetShipment, [unknown], null, 404, "not-found", "does not exist"),

            new(MfrStaff, RecallLot, [], new { gtin, lot = s.Lot, recallClass = "IV" }, 400, "validation", "", "recallClass"),
            new(MfrStaff, RecallLot, [], new { gtin, lot = s.Lot, recallClass = "I" }, 409, "conflict", "already recalled"),
            new(MfrNone, GetRecall, [gtin, OtherLot], null, 404, "not-found", "does not exist"),

            new(MfrStaff, PublishContract, [], s.ContractBody(UniqueIds.New("PC"), Wholesaler), 400, "validation", "", "contract.customerMsp"),
            new(MfrStaff, PublishContract, [], s.ContractBody(s.ContractId, Pharmacy), 409, "conflict", "already exists"),
            new(MfrNone, GetContract, [unknown], null, 404, "not-found", "does not exist"),
            new(PharmStaff, GetContractTerms, [unknown], null, 404, "not-found", "does not exist"),

            new(WhlStaff, RecordSale, [], s.SaleBody(UniqueIds.New("S"), 1, s.Today.AddDays(1)), 400, "validation", "", "sale.saleDate"),
            new(WhlStaff, RecordSale, [], s.SaleBody(s.FirstSaleId, 1, s.Today), 409, "conflict", "already exists"),
            new(MfrNone, GetSale, [unknown], null, 404, "not-found", "does not exist"),

            new(WhlStaff, SubmitClaim, [], s.ClaimBody(UniqueIds.New("CB"), Wholesaler), 400, "validation", "", "claim.manufacturer"),
            new(WhlStaff, SubmitClaim, [], s.ClaimBody(s.ClaimId, Manufacturer), 409, "conflict", "already exists"),
            new(MfrNone, GetClaim, [unknown], null, 404, "not-found", "does not exist"),
            new(MfrStaff, GetClaimAmounts, [unknown], null, 404, "not-found", "does not exist"),
            new(MfrStaff, DisputeLine, [s.ClaimId, "2"], new { reason = "other" }, 409, "conflict", "only accepted lines not yet in a settlement can be disputed"),
            new(MfrStaff, DisputeLine, [s.ClaimId, "0"], new { reason = "other" }, 400, "validation", "", "lineNumber"),
            new(MfrStaff, DisputeLine, [unknown, "1"], new { reason = "other" }, 404, "not-found", "does not exist"),
            new(WhlStaff, ResolveDispute, [s.ClaimId, "1"], new { outcome = "withdrawn" }, 409, "conflict", "not disputed"),
            new(WhlStaff, ResolveDispute, [s.ClaimId, "1"], new { outcome = "given_up" }, 400, "validation", "", "outcome"),

            new(MfrStaff, IssueInvoice, [], new { invoiceId = UniqueIds.New("INV"), shipmentId = s.ShipmentId, currency = s.Currency }, 409, "conflict", "already invoiced"),
            new(MfrStaff, IssueInvoice, [], new { invoiceId = UniqueIds.New("INV"), shipmentId = s.PendingShipmentId, currency = s.Currency }, 409, "conflict", "no received units"),
            new(MfrStaff, IssueInvoice, [], new { invoiceId = UniqueIds.New("INV"), shipmentId = unknown, currency = s.Currency }, 404, "not-found", "does not exist"),
            new(MfrNone, GetInvoice, [unknown], null, 404, "not-found", "does not exist"),
            new(WhlStaff, GetInvoiceAmounts, [unknown], null, 404, "not-found", "does not exist"),

            new(MfrStaff, ProposeSettlement, [], s.SettlementBody(UniqueIds.New("ST"), Wholesaler), 422, "business-rule", "nothing to settle"),
            new(MfrStaff, ProposeSettlement, [], s.SettlementBody(UniqueIds.New("ST"), Pharmacy), 400, "validation", "", "counterparty"),
            new(MfrStaff, ProposeSettlement, [], new { settlementId = UniqueIds.New("ST"), counterparty = Wholesaler, periodStart = s.Today, periodEnd = s.Today.AddDays(-1), currency = s.Currency },
                400, "validation", "", "periodEnd"),
            new(WhlStaff, ApproveSettlement, [s.SettlementId], null, 409, "conflict", "not proposed"),
            new(WhlStaff, ApproveSettlement, [unknown], null, 404, "not-found", "does not exist"),
            new(WhlStaff, RejectSettlement, [s.SettlementId], null, 409, "conflict", "only a proposed settlement can be rejected"),
            new(MfrStaff, MarkSettlementPaid, [s.RejectedSettlementId], null, 409, "conflict", "only an approved settlement can be paid"),
            new(MfrStaff, MarkSettlementPaid, [unknown], null, 404, "not-found", "does not exist"),
            new(MfrNone, GetSettlement, [unknown], null, 404, "not-found", "does not exist"),
            new(WhlStaff, GetSettlementTotals, [unknown], null, 404, "not-found", "does not exist"),
        ];
    }
}
