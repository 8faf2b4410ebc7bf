using FluentAssertions;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests.Domain.Credits;

public class CreditTermsValidatorTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    [Fact]
    public void Validate_CompleteTerms_Passes()
    {
        CreditTermsValidator.Validate(TradeSamples.Terms(), Today);
    }

    [Theory]
    [InlineData("terms.amount")]
    [InlineData("terms.currency")]
    [InlineData("terms.portOfLoading")]
    [InlineData("terms.formOfCredit")]
    [InlineData("terms.documentsRequired")]
    public void Validate_OneFieldBroken_Is400NamingIt(string field)
    {
        var terms = field switch
        {
            "terms.amount" => TradeSamples.Terms() with { Amount = 0 },
            "terms.currency" => TradeSamples.Terms() with { Currency = "usd" },
            "terms.portOfLoading" => TradeSamples.Terms() with { PortOfLoading = "Shanghai" },
            "terms.formOfCredit" => TradeSamples.Terms() with { FormOfCredit = FormOfCredit.Unspecified },
            _ => TradeSamples.Terms() with { DocumentsRequired = [] },
        };

        Refusal.Expect(400, () => CreditTermsValidator.Validate(terms, Today)).Should().Contain($"'{field}'");
    }

    [Fact]
    public void Validate_ShipmentAfterExpiryAndNoApplicant_ListsBoth()
    {
        var terms = TradeSamples.Terms() with { LatestShipmentDate = new DateOnly(2026, 7, 1), Applicant = null };

        var message = Refusal.Expect(400, () => CreditTermsValidator.Validate(terms, Today));

        message.Should().Contain("'terms.latestShipmentDate'").And.Contain("'terms.applicant'");
    }

    [Fact]
    public void Validate_ExpiryInThePast_Is400()
    {
        Refusal.Expect(400, () => CreditTermsValidator.Validate(TradeSamples.Terms(), new DateOnly(2026, 7, 1)))
            .Should().Contain("terms.expiryDate");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(400)]
    public void Validate_PresentationPeriodOutOfRange_Is400(int days)
    {
        Refusal.Expect(400, () => CreditTermsValidator.Validate(TradeSamples.Terms() with { PresentationPeriodDays = days }, Today))
            .Should().Contain("terms.presentationPeriodDays");
    }

    [Fact]
    public void Validate_ToleranceAbove99_Is400()
    {
        Refusal.Expect(400, () => CreditTermsValidator.Validate(TradeSamples.Terms(tolerance: new Tolerance(100, 0)), Today))
            .Should().Contain("terms.tolerance.plusPercent");
    }
}
