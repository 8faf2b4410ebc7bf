using FluentAssertions;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests.Domain.Credits;

public class LetterOfCreditLifecycleTests
{
    private static readonly DateTimeOffset Now = TradeSamples.Start;

    [Fact]
    public void Apply_ValidTerms_IsAppliedWithSaltedHashAndParties()
    {
        var terms = TradeSamples.Terms();

        var credit = LetterOfCreditLifecycle.Apply("LC-1", terms, TradeSamples.IssuingBank, TradeSamples.Importer, TradeSamples.Salt(), Now);

        credit.Status.Should().Be(CreditStatus.Applied);
        credit.AdvisingBankMspId.Should().Be(TradeSamples.AdvisingBank);
        credit.BeneficiaryCompanyId.Should().Be(TradeSamples.Exporter);
        credit.TermsHash.Should().Be(SaltedHash.Compute(TradeSamples.Salt(), terms));
    }

    [Fact]
    public void Apply_TermsNamingAnotherApplicant_Is403()
    {
        Refusal.Expect(403, () => LetterOfCreditLifecycle.Apply("LC-1", TradeSamples.Terms(), TradeSamples.IssuingBank, "IMP-999", TradeSamples.Salt(), Now));
    }

    [Fact]
    public void Apply_BadCreditId_Is400()
    {
        Refusal.Expect(400, () => LetterOfCreditLifecycle.Apply("LC 1", TradeSamples.Terms(), TradeSamples.IssuingBank, TradeSamples.Importer, TradeSamples.Salt(), Now))
            .Should().Contain("creditId");
    }

    [Fact]
    public void IssueThenAdvise_FromApplied_MovesThroughTheLifecycle()
    {
        var (credit, _) = TradeSamples.AdvisedCredit();

        credit.Status.Should().Be(CreditStatus.Advised);
        credit.IssuedAt.Should().Be(Now);
        credit.AdvisedAt.Should().Be(Now);
    }

    [Fact]
    public void Advise_Applied_Is409()
    {
        var credit = LetterOfCreditLifecycle.Apply("LC-1", TradeSamples.Terms(), TradeSamples.IssuingBank, TradeSamples.Importer, TradeSamples.Salt(), Now);

        Refusal.Expect(409, () => LetterOfCreditLifecycle.Advise(credit, Now));
    }

    [Fact]
    public void Issue_Twice_Is409()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();

        Refusal.Expect(409, () => LetterOfCreditLifecycle.Issue(credit, data.Terms, Now));
    }

    [Fact]
    public void Withdraw_Applied_IsCancelled_ButIssued_Is409()
    {
        var applied = LetterOfCreditLifecycle.Apply("LC-1", TradeSamples.Terms(), TradeSamples.IssuingBank, TradeSamples.Importer, TradeSamples.Salt(), Now);
        LetterOfCreditLifecycle.Withdraw(applied, Now).Status.Should().Be(CreditStatus.Cancelled);

        var (advised, _) = TradeSamples.AdvisedCredit();
        Refusal.Expect(409, () => LetterOfCreditLifecycle.Withdraw(advised, Now)).Should().Contain("Art. 10(a)");
    }

    [Fact]
    public void Expire_OnTheExpiryDate_Is422_AndTheDayAfter_Expires()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var expiryDay = new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero);

        Refusal.Expect(422, () => LetterOfCreditLifecycle.Expire(credit, data.Terms, TradeSamples.Calendar(), expiryDay));
        var expired = LetterOfCreditLifecycle.Expire(credit, data.Terms, TradeSamples.Calendar(), expiryDay.AddDays(1));

        expired.Status.Should().Be(CreditStatus.Expired);
        expired.IsClosed.Should().BeTrue();
    }

    [Fact]
    public void Expire_ExpiryOnAHoliday_IsExtendedToTheNextBankingDay()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var calendar = TradeSamples.Calendar(new DateOnly(2026, 6, 30));

        Refusal.Expect(422, () => LetterOfCreditLifecycle.Expire(credit, data.Terms, calendar, new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
    }
}
