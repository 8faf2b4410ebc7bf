using System.Text.RegularExpressions;

namespace Integration.Tests.RestGateway.Pharma;

/// <summary>One endpoint of the gateway as its catalog names it: HTTP method and route pattern.</summary>
internal sealed partial record PharmaRoute(string Method, string Pattern)
{
    /// <summary>The concrete path: each <c>{parameter}</c> of the pattern replaced, in order, by an escaped value.</summary>
    public string Path(params string[] values)
    {
        var index = 0;
        var path = Parameter().Replace(Pattern, _ => index < values.Length
            ? Uri.EscapeDataString(values[index++])
            : throw new ArgumentException($"{this} needs more route values than {values.Length}.", nameof(values)));
        return index == values.Length ? path : throw new ArgumentException($"{this} takes {index} route values, not {values.Length}.", nameof(values));
    }

    public bool IsQuery => Method == "GET";

    public override string ToString() => $"{Method} {Pattern}";

    [GeneratedRegex(@"\{[A-Za-z]+\}", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();
}

/// <summary>
/// The pharma endpoints of docs/rest-gateway.md, named after their chaincode transactions. The coverage check compares
/// this list with the gateway's own endpoint catalog, so a route missing here (or renamed there) fails the tests.
/// </summary>
internal static class PharmaRoutes
{
    public static readonly PharmaRoute InitializeConfiguration = new("POST", "/api/pharma/configuration");
    public static readonly PharmaRoute UpdateConfiguration = new("PUT", "/api/pharma/configuration");
    public static readonly PharmaRoute GetConfiguration = new("GET", "/api/pharma/configuration");

    public static readonly PharmaRoute RegisterProduct = new("POST", "/api/pharma/products");
    public static readonly PharmaRoute GetProduct = new("GET", "/api/pharma/products/{gtin}");
    public static readonly PharmaRoute SetWac = new("POST", "/api/pharma/products/{gtin}/wac");
    public static readonly PharmaRoute GetWac = new("GET", "/api/pharma/products/{gtin}/wac/{date}");

    public static readonly PharmaRoute CommissionUnits = new("POST", "/api/pharma/units");
    public static readonly PharmaRoute VerifyUnit = new("GET", "/api/pharma/units/{gtin}/{serial}");
    public static readonly PharmaRoute DispenseUnit = new("POST", "/api/pharma/units/{gtin}/{serial}/dispense");
    public static readonly PharmaRoute DecommissionUnit = new("POST", "/api/pharma/units/{gtin}/{serial}/decommission");
    public static readonly PharmaRoute ReinstateUnit = new("POST", "/api/pharma/units/{gtin}/{serial}/reinstate");

    public static readonly PharmaRoute PackCase = new("POST", "/api/pharma/cases");
    public static readonly PharmaRoute UnpackCase = new("POST", "/api/pharma/cases/{caseId}/unpack");
    public static readonly PharmaRoute GetCase = new("GET", "/api/pharma/cases/{caseId}");

    public static readonly PharmaRoute Ship = new("POST", "/api/pharma/shipments");
    public static readonly PharmaRoute Receive = new("POST", "/api/pharma/shipments/{shipmentId}/receive");
    public static readonly PharmaRoute GetShipment = new("GET", "/api/pharma/shipments/{shipmentId}");

    public static readonly PharmaRoute RecallLot = new("POST", "/api/pharma/recalls");
    public static readonly PharmaRoute GetRecall = new("GET", "/api/pharma/recalls/{gtin}/{lot}");

    public static readonly PharmaRoute PublishContract = new("POST", "/api/pharma/price-contracts");
    public static readonly PharmaRoute GetContract = new("GET", "/api/pharma/price-contracts/{contractId}");
    public static readonly PharmaRoute GetContractTerms = new("GET", "/api/pharma/price-contracts/{contractId}/terms");

    public static readonly PharmaRoute RecordSale = new("POST", "/api/pharma/sales");
    public static readonly PharmaRoute GetSale = new("GET", "/api/pharma/sales/{saleId}");

    public static readonly PharmaRoute SubmitClaim = new("POST", "/api/pharma/chargebacks");
    public static readonly PharmaRoute GetClaim = new("GET", "/api/pharma/chargebacks/{claimId}");
    public static readonly PharmaRoute GetClaimAmounts = new("GET", "/api/pharma/chargebacks/{claimId}/amounts");
    public static readonly PharmaRoute DisputeLine = new("POST", "/api/pharma/chargebacks/{claimId}/lines/{lineNumber}/dispute");
    public static readonly PharmaRoute ResolveDispute = new("POST", "/api/pharma/chargebacks/{claimId}/lines/{lineNumber}/resolve");

    public static readonly PharmaRoute IssueInvoice = new("POST", "/api/pharma/invoices");
    public static readonly PharmaRoute GetInvoice = new("GET", "/api/pharma/invoices/{invoiceId}");
    public static readonly PharmaRoute GetInvoiceAmounts = new("GET", "/api/pharma/invoices/{invoiceId}/amounts");

    public static readonly PharmaRoute ProposeSettlement = new("POST", "/api/pharma/settlements");
    public static readonly PharmaRoute ApproveSettlement = new("POST", "/api/pharma/settlements/{settlementId}/approve");
    public static readonly PharmaRoute RejectSettlement = new("POST", "/api/pharma/settlements/{settlementId}/reject");
    public static readonly PharmaRoute MarkSettlementPaid = new("POST", "/api/pharma/settlements/{settlementId}/mark-paid");
    public static readonly PharmaRoute GetSettlement = new("GET", "/api/pharma/settlements/{settlementId}");
    public static readonly PharmaRoute GetSettlementTotals = new("GET", "/api/pharma/settlements/{settlementId}/totals");
}
