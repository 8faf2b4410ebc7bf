using FluentAssertions;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests.Domain.Credits;

public class CreditRulesTests
{
    [Fact]
    public void MaximumDrawable_TenPercentTolerance_AddsTenPercent()
    {
        CreditRules.MaximumDrawable(TradeSamples.Terms(tolerance: new Tolerance(10, 10))).Should().Be(11_000_000);
        CreditRules.AvailableBalance(TradeSamples.Terms(), 4_000_000).Should().Be(6_000_000);
    }

    [Fact]
    public void IsFullyDrawn_WithinMinusTolerance_IsTrue()
    {
        var terms = TradeSamples.Terms(tolerance: new Tolerance(10, 10));

        CreditRules.IsFullyDrawn(terms, 9_000_000).Should().BeTrue();
        CreditRules.IsFullyDrawn(terms, 8_999_999).Should().BeFalse();
    }

    [Fact]
    public void LastPresentationDay_Default_Is21DaysAfterShipmentMovedToABankingDay()
    {
        // 1 April 2026 + 21 days = Wednesday 22 April.
        CreditRules.LastPresentationDay(TradeSamples.Terms(), new DateOnly(2026, 4, 1), TradeSamples.Calendar())
            .Should().Be(new DateOnly(2026, 4, 22));

        // 4 April + 21 = Saturday 25 April -> Monday 27 April (Art. 29(a)).
        CreditRules.LastPresentationDay(TradeSamples.Terms(), new DateOnly(2026, 4, 4), TradeSamples.Calendar())
            .Should().Be(new DateOnly(2026, 4, 27));
    }

    [Fact]
    public void LastPresentationDay_PeriodBeyondExpiry_IsTheExpiryDate()
    {
        CreditRules.LastPresentationDay(TradeSamples.Terms(), new DateOnly(2026, 6, 15), TradeSamples.Calendar())
            .Should().Be(new DateOnly(2026, 6, 30));
    }

    [Fact]
    public void ExaminationDeadline_IsFifthBankingDayFollowingPresentation()
    {
        CreditRules.ExaminationDeadline(new DateOnly(2026, 4, 2), TradeSamples.Calendar(new DateOnly(2026, 4, 6)))
            .Should().Be(new DateOnly(2026, 4, 10));
    }
}
