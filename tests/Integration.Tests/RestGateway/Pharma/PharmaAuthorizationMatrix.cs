using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Tests.Infrastructure;
using Integration.Tests.PharmaSettlement;
using Xunit.Abstractions;
using static Integration.Tests.RestGateway.Pharma.PharmaRoles;
using static Integration.Tests.RestGateway.Pharma.PharmaRoutes;

namespace Integration.Tests.RestGateway.Pharma;

/// <summary>
/// Every pharma endpoint called as every caller of <see cref="PharmaRoles.All"/>, compared with the table below, which
/// is written from the chaincode's rules (docs/pharma-settlement.md and the contracts' Access checks), not from what
/// the network answers. Allowed: anything but 403 (2xx, or 404/409/422 when the state does not fit the caller).
/// Denied: 403 ProblemDetails of type forbidden. The requests aim at objects whose state refuses the change anyway
/// (a paid settlement, a recalled lot, an existing ID...), so that allowed callers commit nothing, except the
/// configuration update (the same configuration, by each admin). A sample of denied writes aimed at objects that
/// would accept the change is read back before and after: unchanged.
/// </summary>
internal static class PharmaAuthorizationMatrix
{
    private sealed record Row(PharmaRoute Route, string[] Allowed, string Rule, Func<PharmaRole, (string[] Values, object? Body)> Request)
    {
        /// <summary>A read of private terms (prices, amounts, totals): the only answers that may carry them, and only to allowed callers.</summary>
        public bool ReadsPrivateTerms => Route == GetWac || Route == GetContractTerms || Route == GetClaimAmounts || Route == GetInvoiceAmounts || Route == GetSettlementTotals;
    }

    private sealed record DeniedWrite(string Caller, PharmaRoute Route, string[] Values, object? Body, string ReaderRole, PharmaRoute Read, string[] ReadValues);

    private static readonly string[] Everyone = All.Select(r => r.Name).ToArray();
    private static readonly string[] ManufacturersAndWholesalers = All.Where(r => r.MspId is Manufacturer or Wholesaler).Select(r => r.Name).ToArray();
    private static readonly string[] Admins = [MfrAdmin, WhlAdmin, PharmAdmin];
    private static readonly string[] ShippingStaff = [MfrStaff, MfrShipping, WhlStaff, PharmStaff];
    private static readonly string[] QualityStaff = [MfrStaff, WhlQuality];

    public static async Task<IReadOnlyList<string>> CheckAsync(PharmaRestScenario s, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var rows = Rows(s);
        var mismatches = new List<string>(s.InitializeMismatches);
        if (!s.ConfiguredByThisRun)
        {
            output.WriteLine($"{InitializeConfiguration}: not observable, {s.Network.Description} was configured before this run (409 to everyone).");
        }

        // The table is complete: every route of the gateway's catalog has its row (initialize: checked by the flows).
        var catalog = PharmaOverRestTests.CatalogOf(s.Rest.GatewayServices);
        var tabled = rows.Select(r => r.Route).Append(InitializeConfiguration).ToList();
        mismatches.AddRange(catalog.Except(tabled).Select(route => $"{route}: no row in the authorization matrix"));
        mismatches.AddRange(tabled.Except(catalog).Select(route => $"{route}: in the matrix but not mapped by the gateway"));

        var cells = 0;
        foreach (var row in rows)
        {
            // Configuration updates commit (and conflict with each other): one caller at a time there; refusals in parallel.
            var parallel = row.Route != UpdateConfiguration;
            var results = parallel
                ? await Task.WhenAll(All.Select(role => CellAsync(s, row, role, cancellationToken)))
                : await SequentialAsync(All, role => CellAsync(s, row, role, cancellationToken));
            mismatches.AddRange(results.OfType<string>());
            cells += results.Length;
        }

        mismatches.AddRange(await DeniedWritesLeaveTheLedgerAsIsAsync(s, cancellationToken));
        output.WriteLine($"{cells} cells: {rows.Count} routes x {All.Count} callers ({string.Join(", ", Everyone)}).");
        return mismatches;
    }

    private static async Task<string?> CellAsync(PharmaRestScenario s, Row row, PharmaRole role, CancellationToken cancellationToken)
    {
        var (values, body) = row.Request(role);
        var answer = await s.Rest.CallAsync(role.Name, row.Route, values, body, cancellationToken);
        if ((!row.ReadsPrivateTerms || !row.Allowed.Contains(role.Name)) && s.PrivateValuesIn(answer) is { Count: > 0 } leaked)
        {
            return $"{row.Route} as {role.Name}: the answer carries private values {string.Join(", ", leaked)}: {answer}";
        }

        if (row.ReadsPrivateTerms && row.Allowed.Contains(role.Name))
        {
            // The other side of the privacy rule: whoever may read private terms gets them.
            return answer.Status == 200 && s.PrivateValuesIn(answer).Count > 0
                ? null
                : $"{row.Route} as {role.Name}: allowed ({row.Rule}) to read the private terms, got {answer}";
        }

        if (row.Allowed.Contains(role.Name))
        {
            return answer.Status != 403 && (answer.IsSuccess || answer.Status is 404 or 409 or 422)
                ? null
                : $"{row.Route} as {role.Name}: allowed ({row.Rule}), got {answer}";
        }

        return answer is { Status: 403, ProblemType: "forbidden", MediaType: "application/problem+json" }
            ? null
            : $"{row.Route} as {role.Name}: denied ({row.Rule}), got {answer}";
    }

    private static async Task<string?[]> SequentialAsync(IEnumerable<PharmaRole> roles, Func<PharmaRole, Task<string?>> cell)
    {
        var results = new List<string?>();
        foreach (var role in roles)
        {
            results.Add(await cell(role));
        }

        return [.. results];
    }

    private static List<Row> Rows(PharmaRestScenario s)
    {
        var gtin = s.Product.Gtin;
        var serials = PharmaRestScenario.Serials;
        (string[], object?) Route(params string[] values) => (values, null);

        return
        [
            // Configuration: any member reads it; an admin of a configured organization replaces it.
            new(UpdateConfiguration, Admins, "role=admin at a configured organization", _ => ([], PharmaRestScenario.Configuration)),
            new(GetConfiguration, Everyone, "no check", _ => Route()),

            new(RegisterProduct, [MfrStaff], "manufacturer, role=serialization", _ =>
                ([], new { gtin, ndc = s.Product.Ndc, name = "Amoxicillin", strength = "500 mg", dosageForm = "capsule" })),
            new(GetProduct, Everyone, "any member", _ => Route(gtin)),
            new(SetWac, [MfrStaff], "manufacturer, role=pricing", _ => ([gtin], new { currency = s.Currency, price = 1, effectiveFrom = s.WacEffectiveFrom })),
            new(GetWac, ManufacturersAndWholesalers, "members of manufacturers and wholesalers", _ => Route(gtin, PharmaRestScenario.Iso(s.Today))),

            new(CommissionUnits, [MfrStaff], "manufacturer, role=serialization", _ =>
                ([], new { gtin, lot = s.Lot, expiry = s.Expiry, serials = new[] { serials[0] } })),
            new(VerifyUnit, Everyone, "any member", _ => Route(gtin, serials[0])),
            new(DispenseUnit, [PharmStaff], "dispenser, role=pharmacist", _ => Route(gtin, serials[3])),
            new(DecommissionUnit, QualityStaff, "any organization, role=quality", _ => Route(gtin, serials[8])),
            new(ReinstateUnit, QualityStaff, "any organization, role=quality", _ => Route(gtin, serials[5])),

            new(PackCase, ShippingStaff, "any organization, role=shipping", _ => ([], new { caseId = s.ReceivedCase, units = new[] { s.Unit(serials[11]) } })),
            new(UnpackCase, [MfrStaff, MfrShipping], "role=shipping at the case's owner (the manufacturer until receipt)", _ => Route(s.InTransitCase)),
            new(GetCase, Everyone, "any member", _ => Route(s.InTransitCase)),

            new(Ship, ShippingStaff, "any organization, role=shipping", _ =>
                ([], new { shipmentId = s.ShipmentId, to = Wholesaler, isReturn = false, units = new[] { s.Unit(serials[5]) } })),
            new(Receive, [WhlStaff], "role=shipping at the receiver", _ => Route(s.ShipmentId)),
            new(GetShipment, Everyone, "any member", _ => Route(s.ShipmentId)),

            new(RecallLot, [MfrStaff], "manufacturer of the product, role=quality", _ => ([], new { gtin, lot = s.Lot, recallClass = "I" })),
            new(GetRecall, Everyone, "any member", _ => Route(gtin, s.Lot)),

            new(PublishContract, [MfrStaff], "manufacturer, role=pricing", _ => ([], s.ContractBody(s.ContractId, Pharmacy))),
            new(GetContract, Everyone, "any member", _ => Route(s.ContractId)),
            new(GetContractTerms, Everyone, "the contract's parties: manufacturer, wholesaler and customer", _ => Route(s.ContractId)),

            new(RecordSale, [WhlStaff], "wholesaler, role=sales", _ => ([], s.SaleBody(s.FirstSaleId, 1, s.Today))),
            new(GetSale, Everyone, "any member", _ => Route(s.FirstSaleId)),

            new(SubmitClaim, [WhlStaff], "wholesaler, role=chargebacks", _ => ([], s.ClaimBody(s.ClaimId, Manufacturer))),
            new(GetClaim, Everyone, "any member", _ => Route(s.ClaimId)),
            new(GetClaimAmounts, ManufacturersAndWholesalers, "the claim's parties", _ => Route(s.ClaimId)),
            new(DisputeLine, [MfrStaff], "the claim's manufacturer, role=chargebacks", _ => ([s.ClaimId, "2"], new { reason = "other" })),
            new(ResolveDispute, [MfrStaff, WhlStaff], "a party of the claim, role=chargebacks", _ => ([s.ClaimId, "1"], new { outcome = "upheld" })),

            new(IssueInvoice, [MfrStaff], "manufacturer that sent the shipment, role=finance", _ =>
                ([], new { invoiceId = s.InvoiceId, shipmentId = s.ShipmentId, currency = s.Currency })),
            new(GetInvoice, Everyone, "any member", _ => Route(s.InvoiceId)),
            new(GetInvoiceAmounts, ManufacturersAndWholesalers, "seller and buyer", _ => Route(s.InvoiceId)),

            new(ProposeSettlement, [MfrStaff, WhlStaff], "manufacturer or wholesaler, role=finance", role =>
                ([], s.SettlementBody(s.SettlementId, role.MspId == Manufacturer ? Wholesaler : Manufacturer))),
            new(ApproveSettlement, [MfrStaff, WhlStaff], "a party, role=finance", _ => Route(s.SettlementId)),
            new(RejectSettlement, [MfrStaff, WhlStaff], "a party, role=finance", _ => Route(s.SettlementId)),
            new(MarkSettlementPaid, [MfrStaff, WhlStaff], "a party, role=finance (the payee once approved)", _ => Route(s.SettlementId)),
            new(GetSettlement, Everyone, "any member", _ => Route(s.SettlementId)),
            new(GetSettlementTotals, ManufacturersAndWholesalers, "the two parties", _ => Route(s.SettlementId)),
        ];
    }

    /// <summary>Denied writes whose target would accept the change: the state read before and after is the same.</summary>
    private static async Task<List<string>> DeniedWritesLeaveTheLedgerAsIsAsync(PharmaRestScenario s, CancellationToken cancellationToken)
    {
        var gtin = s.Product.Gtin;
        var newProduct = Gs1Keys.NewDrugProduct();
        var newSettlement = UniqueIds.New("ST");
        var widened = new { manufacturers = new[] { Manufacturer }, wholesalers = new[] { Wholesaler }, dispensers = new[] { Pharmacy, Wholesaler }, pricingCollection = PharmaNetwork.PricingCollection };
        DeniedWrite[] writes =
        [
            new(WhlStaff, UpdateConfiguration, [], widened, MfrNone, GetConfiguration, []),
            new(MfrAdmin, RegisterProduct, [], new { gtin = newProduct.Gtin, ndc = newProduct.Ndc, name = "x", strength = "1 mg", dosageForm = "tablet" }, MfrNone, GetProduct, [newProduct.Gtin]),
            new(PharmForeign, SetWac, [gtin], new { currency = s.Currency, price = 1, effectiveFrom = s.Today }, MfrStaff, GetWac, [gtin, PharmaRestScenario.Iso(s.Today)]),
            new(MfrStaff, DispenseUnit, [gtin, PharmaRestScenario.Serials[11]], null, MfrNone, VerifyUnit, [gtin, PharmaRestScenario.Serials[11]]),
            new(WhlStaff, UnpackCase, [s.InTransitCase], null, MfrNone, GetCase, [s.InTransitCase]),
            new(PharmStaff, Receive, [s.PendingShipmentId], null, MfrNone, GetShipment, [s.PendingShipmentId]),
            new(MfrShipping, Receive, [s.PendingShipmentId], null, MfrNone, GetShipment, [s.PendingShipmentId]),
            new(WhlNone, ProposeSettlement, [], s.SettlementBody(newSettlement, Manufacturer), MfrNone, GetSettlement, [newSettlement]),
        ];

        var mismatches = new List<string>();
        foreach (var write in writes)
        {
            var before = Snapshot(await s.Rest.CallAsync(write.ReaderRole, write.Read, write.ReadValues, cancellationToken: cancellationToken));
            var answer = await s.Rest.CallAsync(write.Caller, write.Route, write.Values, write.Body, cancellationToken);
            var after = Snapshot(await s.Rest.CallAsync(write.ReaderRole, write.Read, write.ReadValues, cancellationToken: cancellationToken));
            if (answer.Status != 403 || answer.ProblemType != "forbidden")
            {
                mismatches.Add($"{write.Route} as {write.Caller}: denied, got {answer}");
            }

            if (before != after)
            {
                mismatches.Add($"{write.Route} as {write.Caller} changed {write.Read}: before {before}, after {after}");
            }
        }

        return mismatches;
    }

    /// <summary>Status and body of a read, without the per-request trace ID of a problem.</summary>
    private static string Snapshot(Answer answer)
    {
        var body = JsonNode.Parse(answer.Body.GetRawText());
        if (body is JsonObject problem)
        {
            problem.Remove("traceId");
        }

        return $"{answer.Status} {body?.ToJsonString() ?? "null"}";
    }
}
