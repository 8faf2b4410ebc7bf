using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.Credits;

/// <summary>Arithmetic and dates of UCP 600 that several transitions share.</summary>
public static class CreditRules
{
    /// <summary>Art. 14(c): documents are presented not later than 21 days after shipment unless field 48 says otherwise.</summary>
    public const int DefaultPresentationPeriodDays = 21;

    /// <summary>Art. 14(b): the issuing bank has a maximum of five banking days following the day of presentation.</summary>
    public const int ExaminationBankingDays = 5;

    /// <summary>The most that may ever be drawn: the amount plus the 39A plus tolerance (Art. 30(a)).</summary>
    public static long MaximumDrawable(CreditTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return (long)((Int128)terms.Amount * (100 + terms.Tolerance.PlusPercent) / 100);
    }

    /// <summary>What may still be drawn.</summary>
    public static long AvailableBalance(CreditTerms terms, long drawnAmount) => MaximumDrawable(terms) - drawnAmount;

    /// <summary>True when the drawings reached the amount less the 39A minus tolerance.</summary>
    public static bool IsFullyDrawn(CreditTerms terms, long drawnAmount)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return (Int128)drawnAmount * 100 >= (Int128)terms.Amount * (100 - terms.Tolerance.MinusPercent);
    }

    /// <summary>The last day for presentation under 31D, moved to the next banking day when banks are closed (Art. 29(a)).</summary>
    public static DateOnly EffectiveExpiry(CreditTerms terms, BankingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.OnOrNextBankingDay(terms.ExpiryDate);
    }

    /// <summary>
    /// The last day documents may be presented for a shipment on <paramref name="shipmentDate"/>: the presentation
    /// period (48, default 21 days; Art. 14(c)), moved to a banking day (Art. 29(a)), and never after expiry.
    /// </summary>
    public static DateOnly LastPresentationDay(CreditTerms terms, DateOnly shipmentDate, BankingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(calendar);
        var periodEnd = calendar.OnOrNextBankingDay(shipmentDate.AddDays(terms.EffectivePresentationPeriodDays));
        var expiry = EffectiveExpiry(terms, calendar);
        return periodEnd < expiry ? periodEnd : expiry;
    }

    /// <summary>The last day the issuing bank may examine (and refuse) a presentation made on <paramref name="presentationDate"/>.</summary>
    public static DateOnly ExaminationDeadline(DateOnly presentationDate, BankingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddBankingDays(presentationDate, ExaminationBankingDays);
    }

    /// <summary>The calendar date of a transaction timestamp (UTC).</summary>
    public static DateOnly DateOf(DateTimeOffset timestamp) => DateOnly.FromDateTime(timestamp.UtcDateTime);
}
