namespace PharmaSettlement.Contracts;

/// <summary>The names of the chaincode events, one per state change (payloads carry IDs and states, never prices).</summary>
internal static class EventNames
{
    public const string ConfigurationChanged = "ConfigurationChanged";
    public const string ProductRegistered = "ProductRegistered";
    public const string UnitsCommissioned = "UnitsCommissioned";
    public const string CasePacked = "CasePacked";
    public const string CaseUnpacked = "CaseUnpacked";
    public const string UnitDispensed = "UnitDispensed";
    public const string UnitDecommissioned = "UnitDecommissioned";
    public const string UnitReinstated = "UnitReinstated";
    public const string ShipmentShipped = "ShipmentShipped";
    public const string ShipmentReceived = "ShipmentReceived";
    public const string LotRecalled = "LotRecalled";
    public const string WacSet = "WacSet";
    public const string ContractPublished = "ContractPublished";
    public const string SaleRecorded = "SaleRecorded";
    public const string ChargebackDecided = "ChargebackDecided";
    public const string ChargebackDisputed = "ChargebackDisputed";
    public const string DisputeResolved = "DisputeResolved";
    public const string InvoiceIssued = "InvoiceIssued";
    public const string SettlementProposed = "SettlementProposed";
    public const string SettlementApproved = "SettlementApproved";
    public const string SettlementRejected = "SettlementRejected";
    public const string SettlementPaid = "SettlementPaid";
}
