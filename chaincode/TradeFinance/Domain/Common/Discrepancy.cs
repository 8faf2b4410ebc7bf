namespace TradeFinance.Domain.Common;

/// <summary>
/// One way in which a presentation does not comply with the credit. <see cref="Code"/> is public (it reveals no
/// terms); <see cref="Description"/> may quote terms and is kept private with the presentation.
/// </summary>
/// <param name="Code">A stable code, for example <c>LatePresentation</c>, or a bank's own code for a manual finding.</param>
/// <param name="Description">What is wrong, in words, with the UCP 600 article when the machine found it.</param>
public sealed record Discrepancy(string Code, string Description);

/// <summary>The codes of the discrepancies the chaincode finds by itself.</summary>
public static class DiscrepancyCodes
{
    /// <summary>Presented later than the presentation period after shipment (48; UCP 600 Art. 14(c)).</summary>
    public const string LatePresentation = "LatePresentation";

    /// <summary>A drawing for less than the credit amount, or a second drawing, when partial shipments are not allowed (43P; Art. 31).</summary>
    public const string PartialDrawingNotAllowed = "PartialDrawingNotAllowed";

    /// <summary>The bill of lading shows shipment after the latest shipment date (44C).</summary>
    public const string LateShipment = "LateShipment";

    /// <summary>The bill of lading's port of loading differs from the credit (44E; Art. 20(a)(iii)).</summary>
    public const string PortOfLoadingMismatch = "PortOfLoadingMismatch";

    /// <summary>The bill of lading's port of discharge differs from the credit (44F; Art. 20(a)(iii)).</summary>
    public const string PortOfDischargeMismatch = "PortOfDischargeMismatch";
}
