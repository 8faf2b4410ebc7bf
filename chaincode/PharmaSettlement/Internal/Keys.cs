using Fabric.Chaincode;

namespace PharmaSettlement.Internal;

/// <summary>
/// Every key this chaincode writes: Fabric composite keys (object type + IDs), so that related objects are found by
/// partial-key range queries on LevelDB. The same keys are used in public state and in private collections.
/// </summary>
internal static class Keys
{
    /// <summary>The configuration (a simple key, so it can carry its own endorsement policy).</summary>
    public const string Configuration = "pharma.configuration";

    public const string LotUnitType = "lotunit";
    public const string WacType = "wac";
    public const string ClaimByPairType = "claimbypair";
    public const string InvoiceByPairType = "invoicebypair";

    public static string Product(string gtin) => CompositeKey.Create("product", gtin);

    public static string Unit(string gtin, string serial) => CompositeKey.Create("unit", gtin, serial);

    /// <summary>Index of units by lot, for recalls: value is a one-byte marker.</summary>
    public static string LotUnit(string gtin, string lot, string serial) => CompositeKey.Create(LotUnitType, gtin, lot, serial);

    public static string Case(string caseId) => CompositeKey.Create("case", caseId);

    public static string Shipment(string shipmentId) => CompositeKey.Create("shipment", shipmentId);

    public static string Recall(string gtin, string lot) => CompositeKey.Create("recall", gtin, lot);

    /// <summary>Units of a product a wholesaler received from its manufacturer.</summary>
    public static string ReceivedQuantity(string wholesaler, string manufacturer, string gtin) =>
        CompositeKey.Create("receivedqty", wholesaler, manufacturer, gtin);

    /// <summary>Units of a product a wholesaler has claimed from its manufacturer in lines that stand.</summary>
    public static string ClaimedQuantity(string wholesaler, string manufacturer, string gtin) =>
        CompositeKey.Create("claimedqty", wholesaler, manufacturer, gtin);

    public static string Wac(string gtin, DateOnly effectiveFrom) =>
        CompositeKey.Create(WacType, gtin, effectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public static string Contract(string contractId) => CompositeKey.Create("contract", contractId);

    public static string Sale(string saleId) => CompositeKey.Create("sale", saleId);

    public static string Claim(string claimId) => CompositeKey.Create("claim", claimId);

    /// <summary>Which claim holds the standing line for a sale's product (duplicate detection).</summary>
    public static string ClaimedSale(string saleId, string gtin) => CompositeKey.Create("claimedsale", saleId, gtin);

    public static string ClaimByPair(string manufacturer, string wholesaler, string claimId) =>
        CompositeKey.Create(ClaimByPairType, manufacturer, wholesaler, claimId);

    public static string Invoice(string invoiceId) => CompositeKey.Create("invoice", invoiceId);

    public static string InvoiceForShipment(string shipmentId) => CompositeKey.Create("shipmentinvoice", shipmentId);

    public static string InvoiceByPair(string manufacturer, string wholesaler, string invoiceId) =>
        CompositeKey.Create(InvoiceByPairType, manufacturer, wholesaler, invoiceId);

    public static string Settlement(string settlementId) => CompositeKey.Create("settlement", settlementId);

    /// <summary>The implicit private data collection of one organization.</summary>
    public static string ImplicitCollection(string mspId) => "_implicit_org_" + mspId;
}
