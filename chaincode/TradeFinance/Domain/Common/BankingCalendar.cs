namespace TradeFinance.Domain.Common;

/// <summary>
/// Which days banks are open, from the chaincode configuration: every day except the weekend days and the listed
/// holidays. UCP 600 counts examination time (Art. 14(b)) in banking days and moves an expiry or last day of
/// presentation that falls on a closed day to the next banking day (Art. 29(a)). One calendar serves the credit;
/// dates are calendar dates (the transaction timestamp's UTC date).
/// </summary>
public sealed class BankingCalendar
{
    private readonly HashSet<DayOfWeek> _weekend;
    private readonly HashSet<DateOnly> _holidays;

    /// <param name="weekendDays">Days of the week banks are closed (commonly Saturday and Sunday).</param>
    /// <param name="holidays">Dates banks are closed.</param>
    public BankingCalendar(IEnumerable<DayOfWeek> weekendDays, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(weekendDays);
        ArgumentNullException.ThrowIfNull(holidays);
        _weekend = [.. weekendDays];
        _holidays = [.. holidays];
        if (_weekend.Count >= 7)
        {
            throw new ArgumentException("A calendar must have at least one banking day a week.", nameof(weekendDays));
        }
    }

    /// <summary>True when banks are open on <paramref name="date"/>.</summary>
    public bool IsBankingDay(DateOnly date) => !_weekend.Contains(date.DayOfWeek) && !_holidays.Contains(date);

    /// <summary>
    /// The <paramref name="count"/>-th banking day following <paramref name="date"/> (the day itself is not counted):
    /// with count 5, the last day of an Art. 14(b) examination of documents presented on <paramref name="date"/>.
    /// </summary>
    public DateOnly AddBankingDays(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = date;
        var counted = 0;
        while (counted < count)
        {
            day = day.AddDays(1);
            if (IsBankingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary><paramref name="date"/> itself when it is a banking day, otherwise the first banking day after it (Art. 29(a)).</summary>
    public DateOnly OnOrNextBankingDay(DateOnly date)
    {
        var day = date;
        while (!IsBankingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
