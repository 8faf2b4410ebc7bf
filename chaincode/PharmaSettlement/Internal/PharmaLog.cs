using Microsoft.Extensions.Logging;

namespace PharmaSettlement.Internal;

/// <summary>Log messages of the contracts: IDs and counts only, never prices or other private terms.</summary>
internal static partial class PharmaLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Shipment {ShipmentId} shipped from {From} to {To} with {UnitCount} units")]
    public static partial void ShipmentShipped(ILogger logger, string shipmentId, string from, string to, int unitCount);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Shipment {ShipmentId} received: {Accepted} units accepted, {Refused} refused")]
    public static partial void ShipmentReceived(ILogger logger, string shipmentId, int accepted, int refused);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Lot {Lot} of product {Gtin} recalled (class {RecallClass}): {Units} units affected")]
    public static partial void LotRecalled(ILogger logger, string gtin, string lot, string recallClass, int units);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Chargeback claim {ClaimId} decided: {Accepted} lines accepted, {Rejected} rejected")]
    public static partial void ClaimDecided(ILogger logger, string claimId, int accepted, int rejected);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Settlement {SettlementId} is {Status}")]
    public static partial void SettlementChanged(ILogger logger, string settlementId, string status);
}
