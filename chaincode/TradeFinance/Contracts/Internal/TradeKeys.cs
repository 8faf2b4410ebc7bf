namespace TradeFinance.Contracts.Internal;

/// <summary>
/// The object types of the composite keys this chaincode writes (public state and collections alike), so that
/// every object of a kind, or every child of one credit or bill, is found with a partial composite key query.
/// </summary>
internal static class TradeKeys
{
    public const string Configuration = "trade.configuration";
    public const string Credit = "trade.credit";
    public const string Amendment = "trade.amendment";
    public const string Presentation = "trade.presentation";
    public const string BillOfLading = "trade.billOfLading";
    public const string Endorsement = "trade.endorsement";

    /// <summary>Sequence numbers are zero-padded so that keys sort in chain order.</summary>
    public static string Sequence(int sequence) => sequence.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
}
