using FluentAssertions;
using TradeFinance.Domain.Common;

namespace TradeFinance.Tests.Domain.Common;

public class BankingCalendarTests
{
    [Fact]
    public void AddBankingDays_FromThursday_SkipsTheWeekend()
    {
        var calendar = TradeSamples.Calendar();

        calendar.AddBankingDays(new DateOnly(2026, 3, 5), 5).Should().Be(new DateOnly(2026, 3, 12));
    }

    [Fact]
    public void AddBankingDays_OverAHoliday_SkipsTheHoliday()
    {
        var calendar = TradeSamples.Calendar(new DateOnly(2026, 3, 10));

        calendar.AddBankingDays(new DateOnly(2026, 3, 5), 5).Should().Be(new DateOnly(2026, 3, 13));
    }

    [Fact]
    public void AddBankingDays_FromSaturday_CountsFromMonday()
    {
        TradeSamples.Calendar().AddBankingDays(new DateOnly(2026, 3, 7), 5).Should().Be(new DateOnly(2026, 3, 13));
    }

    [Fact]
    public void OnOrNextBankingDay_SundayBeforeHolidayMonday_IsTuesday()
    {
        var calendar = TradeSamples.Calendar(new DateOnly(2026, 3, 9));

        calendar.OnOrNextBankingDay(new DateOnly(2026, 3, 8)).Should().Be(new DateOnly(2026, 3, 10));
        calendar.OnOrNextBankingDay(new DateOnly(2026, 3, 11)).Should().Be(new DateOnly(2026, 3, 11));
    }

    [Fact]
    public void Constructor_EveryDayAWeekendDay_Throws()
    {
        FluentActions.Invoking(() => new BankingCalendar(Enum.GetValues<DayOfWeek>(), []))
            .Should().Throw<ArgumentException>();
    }
}
