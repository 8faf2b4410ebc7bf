using System.Text.Json.Serialization;

namespace PharmaSettlement.Domain;

/// <summary>Where a shipment is.</summary>
internal enum ShipmentStatus
{
    [JsonStringEnumMemberName("in_transit")]
    InTransit,

    /// <summary>Every unit was received.</summary>
    [JsonStringEnumMemberName("received")]
    Received,

    /// <summary>Some units were received, others refused (they stay with the sender).</summary>
    [JsonStringEnumMemberName("partially_received")]
    PartiallyReceived,

    /// <summary>Every unit was refused.</summary>
    [JsonStringEnumMemberName("refused")]
    Refused,
}

/// <summary>DSCSA transaction information: how many units of each product and lot a shipment carries.</summary>
internal sealed record ShipmentLine(string Gtin, string Lot, DateOnly Expiry, int Quantity);

/// <summary>
/// Units moving from one organization to another. The sender keeps ownership until the receiver confirms receipt;
/// units refused at receipt stay with the sender.
/// </summary>
internal sealed record Shipment(
    string ShipmentId,
    string From,
    string To,
    bool IsReturn,
    IReadOnlyList<string> Cases,
    IReadOnlyList<UnitRef> Units,
    IReadOnlyList<ShipmentLine> Lines,
    ShipmentStatus Status,
    DateTimeOffset ShippedAt,
    DateTimeOffset? ReceivedAt,
    IReadOnlyList<UnitRef> AcceptedUnits,
    IReadOnlyList<UnitRefusal> RefusedUnits);

/// <summary>What the sender asks to ship: loose units and whole cases.</summary>
internal sealed record ShipmentRequest(string ShipmentId, string To, bool IsReturn, IReadOnlyList<UnitRef>? Units, IReadOnlyList<string>? Cases);
