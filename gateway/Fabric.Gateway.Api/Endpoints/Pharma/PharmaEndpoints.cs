using Fabric.Gateway.Api.Endpoints.Internal;

namespace Fabric.Gateway.Api.Endpoints.Pharma;

/// <summary>
/// The pharma network (chaincode <c>pharma-settlement</c>): products, serialized units and cases, shipments,
/// recalls, WAC and price contracts, sales and chargebacks, invoices and netted settlements. Prices and amounts
/// travel as transient data with a salt drawn by the gateway (base64, as the contracts expect).
/// </summary>
internal static class PharmaEndpoints
{
    private const int LargeBodyBytes = 1024 * 1024;

    private static readonly Dictionary<string, FieldFormat> RouteFormats = new(StringComparer.Ordinal)
    {
        ["gtin"] = Formats.Gtin,
        ["serial"] = Formats.Gs1Attribute,
        ["lot"] = Formats.Gs1Attribute,
        ["caseId"] = Formats.Sscc,
        ["date"] = Formats.Date,
        ["lineNumber"] = Formats.PositiveInteger,
        ["contractId"] = Formats.PharmaId,
        ["shipmentId"] = Formats.PharmaId,
        ["saleId"] = Formats.PharmaId,
        ["claimId"] = Formats.PharmaId,
        ["invoiceId"] = Formats.PharmaId,
        ["settlementId"] = Formats.PharmaId,
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var pharma = NetworkRoutes.For(endpoints, "pharma", "Pharma", RouteFormats);
        MapConfiguration(pharma.Resource("configuration", "Pharma configuration"));
        MapProducts(pharma.Resource("products", "Products and WAC"));
        MapUnits(pharma.Resource("units", "Serialized units"), pharma.Resource("cases", "Shipping cases"));
        MapShipments(pharma.Resource("shipments", "Shipments"));
        MapRecalls(pharma.Resource("recalls", "Recalls"));
        MapPriceContracts(pharma.Resource("price-contracts", "Price contracts"));
        MapChargebacks(pharma.Resource("sales", "Sales"), pharma.Resource("chargebacks", "Chargebacks"));
        MapInvoices(pharma.Resource("invoices", "Invoices"));
        MapSettlements(pharma.Resource("settlements", "Settlements"));
    }

    private const string ConfigurationGet = "Configuration:Get";

    /// <summary>
    /// The members of the manufacturer-wholesaler pricing collection, from the configuration in force: the
    /// collection's endorsement policy needs them all for any write of prices, contracts, invoices or totals.
    /// </summary>
    private static IEnumerable<string?> PricingParties(System.Text.Json.JsonElement configuration) =>
        CallBuilder.StringArrayProperty(configuration, "manufacturers").Concat(CallBuilder.StringArrayProperty(configuration, "wholesalers"));

    private static void MapConfiguration(NetworkRoutes configuration)
    {
        configuration.Submit<PharmaConfigurationRequest>(
            "", "Configuration:Initialize", "Store the first configuration (roles of the organizations)",
            (call, body) => call.JsonArg(body), location: (_, _) => "");
        configuration.Submit<PharmaConfigurationRequest>(
            "", "Configuration:Update", "Replace the configuration (endorsed by every organization concerned)",
            (call, body) => call.JsonArg(body), method: "PUT");
        configuration.Evaluate("", "Configuration:Get", "The configuration in force", _ => { });
    }

    private static void MapProducts(NetworkRoutes products)
    {
        products.Submit<RegisterProductRequest>(
            "", "Products:Register", "Register a drug product (manufacturer)",
            (call, body) => call.JsonArg(body), location: (body, _) => Uri.EscapeDataString(body.Gtin!));
        products.Evaluate("{gtin}", "Products:Get", "A registered product", call => call.Arg(call.Route("gtin")));
        products.Submit<SetWacRequest>(
            "{gtin}/wac", "Pricing:SetWac", "Set the WAC of a product from a date on (manufacturer)",
            (call, body) => call.TransientJson("wac", new
            {
                gtin = call.Route("gtin"), currency = body.Currency, price = body.Price, effectiveFrom = body.EffectiveFrom, salt = Salts.NewBase64(),
            }).EndorsedByLedger(ConfigurationGet, [], PricingParties),
            location: (body, _) => body.EffectiveFrom!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        products.Evaluate(
            "{gtin}/wac/{date}", "Pricing:GetWac", "The WAC in effect on a date (manufacturers and wholesalers)",
            call => call.Arg(call.Route("gtin")).Arg(call.RouteDate("date")));
    }

    private static void MapUnits(NetworkRoutes units, NetworkRoutes cases)
    {
        units.Submit<CommissionUnitsRequest>(
            "", "Units:Commission", "Commission serial numbers of one lot (manufacturer)",
            (call, body) => call.Arg(body.Gtin!).Arg(body.Lot!).Arg(body.Expiry!.Value).JsonArg(body.Serials),
            location: (body, _) => $"{Uri.EscapeDataString(body.Gtin!)}/{Uri.EscapeDataString(body.Serials![0]!)}",
            maxBodyBytes: LargeBodyBytes);
        units.Evaluate("{gtin}/{serial}", "Units:Verify", "Verify a product identifier (exists, disposition, owner, recall)", UnitArgs);
        units.Submit("{gtin}/{serial}/dispense", "Units:Dispense", "Dispense a unit to a patient (pharmacy)", UnitArgs);
        units.Submit("{gtin}/{serial}/decommission", "Units:Decommission", "Decommission (destroy) a unit", UnitArgs);
        units.Submit("{gtin}/{serial}/reinstate", "Units:Reinstate", "Make a verified returned unit saleable again", UnitArgs);

        cases.Submit<PackCaseRequest>(
            "", "Units:Pack", "Pack units into a new case (SSCC)",
            (call, body) => call.Arg(body.CaseId!).JsonArg(body.Units), location: (body, _) => body.CaseId!, maxBodyBytes: LargeBodyBytes);
        cases.Submit("{caseId}/unpack", "Units:Unpack", "Take every unit out of a case", call => call.Arg(call.Route("caseId")));
        cases.Evaluate("{caseId}", "Units:GetCase", "A shipping case and its units", call => call.Arg(call.Route("caseId")));
    }

    private static void UnitArgs(CallBuilder call) => call.Arg(call.Route("gtin")).Arg(call.Route("serial"));

    private static void MapShipments(NetworkRoutes shipments)
    {
        shipments.Submit<ShipRequest>(
            "", "Shipments:Ship", "Ship units and cases to another organization",
            (call, body) => call.JsonArg(body), location: (body, _) => body.ShipmentId!, maxBodyBytes: LargeBodyBytes);
        shipments.Submit("{shipmentId}/receive", "Shipments:Receive", "Confirm receipt (receiver)", call => call.Arg(call.Route("shipmentId")));
        shipments.Evaluate("{shipmentId}", "Shipments:Get", "A shipment", call => call.Arg(call.Route("shipmentId")));
    }

    private static void MapRecalls(NetworkRoutes recalls)
    {
        recalls.Submit<RecallLotRequest>(
            "", "Recalls:RecallLot", "Recall a lot (manufacturer quality staff)",
            (call, body) => call.Arg(body.Gtin!).Arg(body.Lot!).Arg(body.RecallClass!),
            location: (body, _) => $"{Uri.EscapeDataString(body.Gtin!)}/{Uri.EscapeDataString(body.Lot!)}");
        recalls.Evaluate("{gtin}/{lot}", "Recalls:Get", "The recall of a lot", call => call.Arg(call.Route("gtin")).Arg(call.Route("lot")));
    }

    private static void MapPriceContracts(NetworkRoutes contracts)
    {
        contracts.Submit<PublishPriceContractRequest>(
            "", "Pricing:PublishContract", "Publish a price contract (manufacturer)",
            (call, body) => call.TransientJson("contract", new
            {
                contractId = body.ContractId, wholesaler = body.Wholesaler, customerMsp = body.CustomerMsp,
                eligibleCustomers = body.EligibleCustomers, validFrom = body.ValidFrom, validTo = body.ValidTo,
                currency = body.Currency, lines = body.Lines, salt = Salts.NewBase64(),
            }).EndorsedByLedger(ConfigurationGet, [], PricingParties).EndorsedBy(body.CustomerMsp),
            location: (body, _) => body.ContractId!, maxBodyBytes: LargeBodyBytes);
        contracts.Evaluate("{contractId}", "Pricing:GetContract", "The public summary of a price contract", call => call.Arg(call.Route("contractId")));
        contracts.Evaluate("{contractId}/terms", "Pricing:GetContractTerms", "The private terms (contract parties)", call => call.Arg(call.Route("contractId")));
    }

    private static void MapChargebacks(NetworkRoutes sales, NetworkRoutes chargebacks)
    {
        sales.Submit<RecordSaleRequest>(
            "", "Chargebacks:RecordSale", "Record a sale under a contract (wholesaler)",
            (call, body) => call.TransientJson("sale", new
            {
                saleId = body.SaleId, contractId = body.ContractId, customerGln = body.CustomerGln, saleDate = body.SaleDate,
                currency = body.Currency, lines = body.Lines, salt = Salts.NewBase64(),
            }),
            location: (body, _) => body.SaleId!, maxBodyBytes: LargeBodyBytes);
        sales.Evaluate("{saleId}", "Chargebacks:GetSale", "The public summary of a sale", call => call.Arg(call.Route("saleId")));

        chargebacks.Submit<SubmitClaimRequest>(
            "", "Chargebacks:SubmitClaim", "Submit a chargeback claim (wholesaler)",
            (call, body) => call.TransientJson("claim", new
            {
                claimId = body.ClaimId, manufacturer = body.Manufacturer, currency = body.Currency, lines = body.Lines, salt = Salts.NewBase64(),
            }),
            location: (body, _) => body.ClaimId!, maxBodyBytes: LargeBodyBytes);
        chargebacks.Evaluate("{claimId}", "Chargebacks:GetClaim", "A claim and the decision on every line", call => call.Arg(call.Route("claimId")));
        chargebacks.Evaluate("{claimId}/amounts", "Chargebacks:GetClaimAmounts", "The private amounts of a claim (claim parties)", call => call.Arg(call.Route("claimId")));
        chargebacks.Submit<DisputeLineRequest>(
            "{claimId}/lines/{lineNumber}/dispute", "Chargebacks:DisputeLine", "Dispute an accepted line (manufacturer)",
            (call, body) => call.Arg(call.Route("claimId")).Arg(call.RouteInt("lineNumber")).EnumArg(body.Reason!.Value));
        chargebacks.Submit<ResolveDisputeRequest>(
            "{claimId}/lines/{lineNumber}/resolve", "Chargebacks:ResolveDispute", "Resolve a disputed line",
            (call, body) => call.Arg(call.Route("claimId")).Arg(call.RouteInt("lineNumber")).EnumArg(body.Outcome!.Value));
    }

    private static void MapInvoices(NetworkRoutes invoices)
    {
        invoices.Submit<IssueInvoiceRequest>(
            "", "Invoices:Issue", "Invoice a received shipment (seller)",
            (call, body) => call.Arg(body.InvoiceId!).Arg(body.ShipmentId!).Arg(body.Currency!).TransientText("salt", Salts.NewBase64())
                .EndorsedByLedger(ConfigurationGet, [], PricingParties),
            location: (body, _) => body.InvoiceId!);
        invoices.Evaluate("{invoiceId}", "Invoices:Get", "The public record of an invoice", call => call.Arg(call.Route("invoiceId")));
        invoices.Evaluate("{invoiceId}/amounts", "Invoices:GetAmounts", "The private amounts (seller and buyer)", call => call.Arg(call.Route("invoiceId")));
    }

    private static void MapSettlements(NetworkRoutes settlements)
    {
        settlements.Submit<ProposeSettlementRequest>(
            "", "Settlements:Propose", "Propose a netted statement with a counterparty",
            (call, body) => call.Arg(body.SettlementId!).Arg(body.Counterparty!).Arg(body.PeriodStart!.Value).Arg(body.PeriodEnd!.Value).Arg(body.Currency!)
                .TransientText("salt", Salts.NewBase64())
                .EndorsedByCaller().EndorsedBy(body.Counterparty),
            location: (body, _) => body.SettlementId!);
        settlements.Submit("{settlementId}/approve", "Settlements:Approve", "Approve a proposed statement", call => call.Arg(call.Route("settlementId")));
        settlements.Submit("{settlementId}/reject", "Settlements:Reject", "Refuse a proposed statement", call => call.Arg(call.Route("settlementId")));
        settlements.Submit("{settlementId}/mark-paid", "Settlements:MarkPaid", "Confirm payment of an approved statement (payee)",
            call => call.Arg(call.Route("settlementId")).EndorsedByLedger(
                "Settlements:Get",
                [call.Route("settlementId")],
                settlement => [CallBuilder.StringProperty(settlement, "manufacturer"), CallBuilder.StringProperty(settlement, "wholesaler")]));
        settlements.Evaluate("{settlementId}", "Settlements:Get", "The public record of a statement", call => call.Arg(call.Route("settlementId")));
        settlements.Evaluate("{settlementId}/totals", "Settlements:GetTotals", "The private totals (the two parties)", call => call.Arg(call.Route("settlementId")));
    }
}
