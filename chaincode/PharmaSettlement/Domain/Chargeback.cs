using System.Text.Json.Serialization;

namespace PharmaSettlement.Domain;

/// <summary>
/// Why a chargeback line was rejected, in the spirit of the EDI 849 (chargeback response) reason codes. The codes
/// are this chaincode's own names, not the numeric codes of any trading-partner agreement.
/// </summary>
internal enum ChargebackReason
{
    /// <summary>The sale or its line for the product was never recorded.</summary>
    [JsonStringEnumMemberName("unknown_sale")]
    UnknownSale,

    /// <summary>The sale's product was already claimed.</summary>
    [JsonStringEnumMemberName("duplicate_claim")]
    DuplicateClaim,

    /// <summary>The sale's contract does not exist between this manufacturer and wholesaler.</summary>
    [JsonStringEnumMemberName("unknown_contract")]
    UnknownContract,

    [JsonStringEnumMemberName("customer_not_eligible")]
    CustomerNotEligible,

    [JsonStringEnumMemberName("product_not_on_contract")]
    ProductNotOnContract,

    [JsonStringEnumMemberName("sale_date_outside_validity")]
    SaleDateOutsideValidity,

    /// <summary>More units are claimed than the sale recorded.</summary>
    [JsonStringEnumMemberName("quantity_exceeds_sale")]
    QuantityExceedsSale,

    /// <summary>WAC, contract price, sale price, currency or amount do not agree with the contract.</summary>
    [JsonStringEnumMemberName("price_mismatch")]
    PriceMismatch,

    /// <summary>More units would be claimed than the manufacturer's shipments the wholesaler received.</summary>
    [JsonStringEnumMemberName("quantity_exceeds_shipped")]
    QuantityExceedsShipped,

    /// <summary>The wholesaler withdrew the line after the manufacturer disputed it.</summary>
    [JsonStringEnumMemberName("withdrawn_after_dispute")]
    WithdrawnAfterDispute,
}

/// <summary>Where a chargeback line is.</summary>
internal enum ClaimLineStatus
{
    /// <summary>A credit the manufacturer owes the wholesaler, waiting for settlement.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>Accepted, then disputed by the manufacturer: held out of settlement until resolved.</summary>
    [JsonStringEnumMemberName("disputed")]
    Disputed,

    [JsonStringEnumMemberName("in_settlement")]
    InSettlement,

    [JsonStringEnumMemberName("paid")]
    Paid,
}

/// <summary>Why a manufacturer disputes an accepted line (codes only, so no private term is ever written publicly).</summary>
internal enum DisputeReason
{
    [JsonStringEnumMemberName("quantity_questioned")]
    QuantityQuestioned,

    [JsonStringEnumMemberName("price_questioned")]
    PriceQuestioned,

    [JsonStringEnumMemberName("customer_questioned")]
    CustomerQuestioned,

    [JsonStringEnumMemberName("other")]
    Other,
}

/// <summary>How a dispute ends: each outcome is a concession by one side, so neither side can win alone.</summary>
internal enum DisputeOutcome
{
    /// <summary>The manufacturer accepts the line after all.</summary>
    [JsonStringEnumMemberName("upheld")]
    Upheld,

    /// <summary>The wholesaler withdraws the line.</summary>
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
}

/// <summary>One line of a claim as the wholesaler sends it (transient: it carries prices).</summary>
internal sealed record ClaimLineInput(int LineNumber, string SaleId, string Gtin, int Quantity, long Wac, long ContractPrice, long Amount);

/// <summary>A chargeback claim as the wholesaler sends it (transient), with the salt for its hash.</summary>
internal sealed record ClaimProposal(string ClaimId, string Manufacturer, string Currency, IReadOnlyList<ClaimLineInput>? Lines, string Salt);

/// <summary>The public decision on one line: no prices, only what was claimed and why it was accepted or rejected.</summary>
internal sealed record ClaimLine(
    int LineNumber,
    string SaleId,
    string Gtin,
    int Quantity,
    ClaimLineStatus Status,
    ChargebackReason? Reason,
    string? Detail,
    DisputeReason? DisputeReason,
    string? SettlementId,
    DateTimeOffset UpdatedAt);

/// <summary>A chargeback claim as the channel sees it.</summary>
internal sealed record ChargebackClaim(
    string ClaimId,
    string Manufacturer,
    string Wholesaler,
    string Currency,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<ClaimLine> Lines,
    string AmountsHash)
{
    public ClaimLine Line(int lineNumber) =>
        Lines.FirstOrDefault(l => l.LineNumber == lineNumber)
        ?? throw Refusals.NotFound("Chargeback line", $"{ClaimId}#{lineNumber}");

    public ChargebackClaim WithLine(ClaimLine line) =>
        this with { Lines = Lines.Select(l => l.LineNumber == line.LineNumber ? line : l).ToArray() };
}

/// <summary>The amounts of one claim line (private).</summary>
internal sealed record ClaimLineAmount(int LineNumber, long Wac, long ContractPrice, long Amount);

/// <summary>The amounts of a claim (private, in the pricing collection).</summary>
internal sealed record ClaimAmounts(string ClaimId, string Currency, IReadOnlyList<ClaimLineAmount> Lines)
{
    public long AmountOf(int lineNumber) => Lines.First(l => l.LineNumber == lineNumber).Amount;
}
