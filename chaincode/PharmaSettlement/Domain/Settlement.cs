using System.Text.Json.Serialization;

namespace PharmaSettlement.Domain;

/// <summary>Where a settlement statement is.</summary>
internal enum SettlementStatus
{
    /// <summary>Created; waiting for both parties' approval.</summary>
    [JsonStringEnumMemberName("proposed")]
    Proposed,

    /// <summary>Approved by both parties; waiting for payment.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,

    /// <summary>Paid: every item in it is closed.</summary>
    [JsonStringEnumMemberName("paid")]
    Paid,

    /// <summary>Refused by a party before approval: its items are open again.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
}

/// <summary>A chargeback line named by claim and line number.</summary>
internal sealed record ClaimLineRef(string ClaimId, int LineNumber);

/// <summary>
/// A settlement statement between one manufacturer and one wholesaler for a period and a currency, as the channel
/// sees it: which items it nets, who approved, whether it is paid. Totals and the direction of payment are private.
/// </summary>
internal sealed record Settlement(
    string SettlementId,
    string Manufacturer,
    string Wholesaler,
    string Currency,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<string> InvoiceIds,
    IReadOnlyList<ClaimLineRef> ChargebackLines,
    SettlementStatus Status,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    DateTimeOffset? ManufacturerApprovedAt,
    DateTimeOffset? WholesalerApprovedAt,
    DateTimeOffset? PaidAt,
    string TotalsHash);

/// <summary>The netted totals of a settlement (private).</summary>
/// <param name="Payer">MSP ID of the party that pays <see cref="NetAmount"/>, or null when nothing is owed.</param>
/// <param name="Payee">MSP ID of the party that is paid, or null when nothing is owed.</param>
internal sealed record SettlementTotals(
    string SettlementId, string Currency, long InvoiceTotal, long ChargebackTotal, long NetAmount, string? Payer, string? Payee);

/// <summary>The rules of settlement: netting, approval by both parties, payment.</summary>
internal static class SettlementRules
{
    /// <summary>
    /// Nets what the wholesaler owes (invoices) against what the manufacturer owes (accepted chargebacks): the
    /// difference is paid by whichever party owes more.
    /// </summary>
    public static SettlementTotals Net(
        string settlementId, string currency, string manufacturer, string wholesaler, IEnumerable<long> invoiceTotals, IEnumerable<long> chargebackAmounts)
    {
        var invoices = Money.Sum(invoiceTotals, "settlement");
        var credits = Money.Sum(chargebackAmounts, "settlement");
        var net = invoices - credits;
        return net switch
        {
            > 0 => new SettlementTotals(settlementId, currency, invoices, credits, net, wholesaler, manufacturer),
            < 0 => new SettlementTotals(settlementId, currency, invoices, credits, -net, manufacturer, wholesaler),
            _ => new SettlementTotals(settlementId, currency, invoices, credits, 0, null, null),
        };
    }

    /// <summary>True when <paramref name="moment"/> falls on a day of the (inclusive) period.</summary>
    public static bool InPeriod(DateTimeOffset moment, DateOnly start, DateOnly end)
    {
        var day = DateOnly.FromDateTime(moment.UtcDateTime);
        return day >= start && day <= end;
    }

    public static void ValidatePeriod(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw Refusals.Invalid("periodEnd", "must not be before periodStart.");
        }
    }

    /// <summary>Records one party's approval; the statement is approved when both have approved.</summary>
    public static Settlement Approve(Settlement settlement, string party, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        if (settlement.Status != SettlementStatus.Proposed)
        {
            throw Refusals.Conflict($"Settlement '{settlement.SettlementId}' is {settlement.Status.ToString().ToLowerInvariant()}, not proposed.");
        }

        Settlement approved;
        if (party == settlement.Manufacturer && settlement.ManufacturerApprovedAt is null)
        {
            approved = settlement with { ManufacturerApprovedAt = at };
        }
        else if (party == settlement.Wholesaler && settlement.WholesalerApprovedAt is null)
        {
            approved = settlement with { WholesalerApprovedAt = at };
        }
        else if (party == settlement.Manufacturer || party == settlement.Wholesaler)
        {
            throw Refusals.Conflict($"{party} already approved settlement '{settlement.SettlementId}'.");
        }
        else
        {
            throw Refusals.Forbidden($"{party} is not a party to settlement '{settlement.SettlementId}'.");
        }

        return approved.ManufacturerApprovedAt is not null && approved.WholesalerApprovedAt is not null
            ? approved with { Status = SettlementStatus.Approved }
            : approved;
    }

    /// <summary>A party refuses a proposed statement (for example to dispute a line first); its items are released.</summary>
    public static Settlement Reject(Settlement settlement, string party)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        if (party != settlement.Manufacturer && party != settlement.Wholesaler)
        {
            throw Refusals.Forbidden($"{party} is not a party to settlement '{settlement.SettlementId}'.");
        }

        return settlement.Status == SettlementStatus.Proposed
            ? settlement with { Status = SettlementStatus.Rejected }
            : throw Refusals.Conflict($"Settlement '{settlement.SettlementId}' is {settlement.Status.ToString().ToLowerInvariant()}; only a proposed settlement can be rejected.");
    }

    /// <summary>
    /// Marks the statement paid. The payee confirms, since it is the one that can see the money arrive; when nothing
    /// is owed, either party may close it.
    /// </summary>
    public static Settlement MarkPaid(Settlement settlement, SettlementTotals totals, string party, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(totals);
        if (party != settlement.Manufacturer && party != settlement.Wholesaler)
        {
            throw Refusals.Forbidden($"{party} is not a party to settlement '{settlement.SettlementId}'.");
        }

        if (settlement.Status != SettlementStatus.Approved)
        {
            throw Refusals.Conflict($"Settlement '{settlement.SettlementId}' is {settlement.Status.ToString().ToLowerInvariant()}; only an approved settlement can be paid.");
        }

        if (totals.Payee is not null && totals.Payee != party)
        {
            throw Refusals.Forbidden($"Only the payee confirms payment of settlement '{settlement.SettlementId}'.");
        }

        return settlement with { Status = SettlementStatus.Paid, PaidAt = at };
    }
}
