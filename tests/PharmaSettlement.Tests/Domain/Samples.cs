using PharmaSettlement.Domain;

namespace PharmaSettlement.Tests.Domain;

/// <summary>Valid GS1 identifiers and ready-made domain objects for the domain tests.</summary>
internal static class Samples
{
    public const string Manufacturer = "ManufacturerMSP";
    public const string Wholesaler = "WholesalerMSP";
    public const string Pharmacy = "PharmacyMSP";

    /// <summary>GTIN-14 of NDC 12345-678-90 (indicator 0, prefix 03).</summary>
    public const string Gtin = "00312345678906";

    /// <summary>GTIN-14 of NDC 55555-123-45.</summary>
    public const string OtherGtin = "00355555123453";

    public const string CustomerGln = "0614141000012";
    public const string OtherGln = "0614141000029";
    public const string CaseId = "000614141000000014";

    public static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static SerializedUnit Unit(
        string serial, string owner = Manufacturer, Disposition status = Disposition.Active, string lot = "LOT1",
        string? caseId = null, string? shipmentId = null, string gtin = Gtin, DateOnly? expiry = null) =>
        new(gtin, serial, lot, expiry ?? new DateOnly(2028, 1, 31), owner, status, caseId, shipmentId, Now.AddDays(-10), Now.AddDays(-10));

    public static readonly HashSet<(string, string)> NoRecalls = [];
}
