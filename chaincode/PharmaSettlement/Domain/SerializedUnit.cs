namespace PharmaSettlement.Domain;

/// <summary>A serialized unit's identity as callers name it: GTIN and serial number.</summary>
internal sealed record UnitRef(string Gtin, string Serial)
{
    /// <summary>The unit reference with its GTIN in 14-digit form and both parts validated.</summary>
    public UnitRef Normalize(string field) =>
        new(Gs1.NormalizeGtin(Gtin, field + ".gtin"), Gs1.ValidateSerial(Serial, field + ".serial"));

    public override string ToString() => $"{Gtin}/{Serial}";
}

/// <summary>
/// One saleable unit of a drug (DSCSA product identifier: GTIN, serial, lot, expiry) and where it is in its life:
/// owner (MSP ID), disposition, the case it is packed in and the shipment carrying it.
/// </summary>
internal sealed record SerializedUnit(
    string Gtin,
    string Serial,
    string Lot,
    DateOnly Expiry,
    string Owner,
    Disposition Status,
    string? CaseId,
    string? ShipmentId,
    DateTimeOffset CommissionedAt,
    DateTimeOffset UpdatedAt)
{
    public UnitRef Ref => new(Gtin, Serial);
}
