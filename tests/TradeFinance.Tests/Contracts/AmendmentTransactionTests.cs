using FluentAssertions;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests.Contracts;

public class AmendmentTransactionTests
{
    private readonly TradeChannel _channel = new();

    private static Dictionary<string, object> Amendment(string json) =>
        new() { ["amendment"] = Encoding(json), ["salt"] = TradeSamples.Salt(9) };

    private static byte[] Encoding(string json) => System.Text.Encoding.UTF8.GetBytes(json);

    private Task<Amendment> ProposeAsync(string json, string amendmentId = "AM-1") =>
        _channel.SubmitAsync<Amendment>("issuingOfficer", "LetterOfCredit:ProposeAmendment", ["LC-1", amendmentId], Amendment(json));

    [Fact]
    public async Task Propose_ByIssuingBank_PublishesChangedFieldNamesOnly()
    {
        await _channel.AdvisedCreditAsync();

        var amendment = await ProposeAsync("""{"changes":{"amount":12000000,"latestShipmentDate":"2026-06-20"}}""");

        amendment.ChangedFields.Should().Equal("amount", "latestShipmentDate");
        _channel.LastEventName.Should().Be("AmendmentProposed");
        _channel.PublicText().Should().NotContain("12000000");
        (await _channel.TermsAsync()).Terms.Amount.Should().Be(10_000_000, "the terms change only when the beneficiary accepts");
    }

    [Fact]
    public async Task Propose_ByApplicantOrAdvisingBank_Is403()
    {
        await _channel.AdvisedCreditAsync();

        await _channel.RefusedAsync(403, "applicant", "LetterOfCredit:ProposeAmendment", ["LC-1", "AM-1"], Amendment("""{"cancel":true}"""));
        await _channel.RefusedAsync(403, "advisingOfficer", "LetterOfCredit:ProposeAmendment", ["LC-1", "AM-1"], Amendment("""{"cancel":true}"""));
    }

    [Fact]
    public async Task Propose_WhileOneIsPending_Is409()
    {
        await _channel.AdvisedCreditAsync();
        await ProposeAsync("""{"changes":{"amount":12000000}}""");

        await _channel.RefusedAsync(409, "issuingOfficer", "LetterOfCredit:ProposeAmendment", ["LC-1", "AM-2"], Amendment("""{"changes":{"amount":11000000}}"""));
    }

    [Fact]
    public async Task Accept_EveryChange_ReplacesTheTermsAndTheirHash()
    {
        await _channel.AdvisedCreditAsync();
        var proposed = await ProposeAsync("""{"changes":{"amount":12000000,"latestShipmentDate":"2026-06-20"}}""");

        var accepted = await _channel.SubmitAsync<Amendment>("beneficiary", "LetterOfCredit:AcceptAmendment", ["LC-1", "AM-1", """["amount","latestShipmentDate"]"""]);
        var terms = await _channel.TermsAsync();
        var credit = await _channel.SubmitAsync<LetterOfCredit>("applicant", "LetterOfCredit:GetCredit", ["LC-1"]);

        accepted.Status.Should().Be(AmendmentStatus.Accepted);
        _channel.LastEventName.Should().Be("AmendmentAccepted");
        terms.Terms.Amount.Should().Be(12_000_000);
        terms.Terms.LatestShipmentDate.Should().Be(new DateOnly(2026, 6, 20));
        credit.TermsHash.Should().Be(proposed.NewTermsHash).And.Be(SaltedHash.Compute(terms.Salt, terms.Terms));
        credit.AcceptedAmendments.Should().Be(1);
    }

    [Fact]
    public async Task Accept_PartOfTheChanges_IsRecordedAsRejectionAndTermsStay()
    {
        await _channel.AdvisedCreditAsync();
        await ProposeAsync("""{"changes":{"amount":12000000,"latestShipmentDate":"2026-06-20"}}""");

        var answered = await _channel.SubmitAsync<Amendment>("beneficiary", "LetterOfCredit:AcceptAmendment", ["LC-1", "AM-1", """["amount"]"""]);

        answered.Status.Should().Be(AmendmentStatus.Rejected);
        answered.Rejection.Should().Be(AmendmentRejection.PartialAcceptance);
        _channel.LastEventName.Should().Be("AmendmentRejected");
        (await _channel.TermsAsync()).Terms.Amount.Should().Be(10_000_000);
    }

    [Fact]
    public async Task Accept_ByApplicantOrOtherBeneficiary_Is403()
    {
        await _channel.AdvisedCreditAsync();
        await ProposeAsync("""{"cancel":true}""");

        await _channel.RefusedAsync(403, "applicant", "LetterOfCredit:AcceptAmendment", ["LC-1", "AM-1", "[]"]);
        await _channel.RefusedAsync(403, "otherBeneficiary", "LetterOfCredit:AcceptAmendment", ["LC-1", "AM-1", "[]"]);
    }

    [Fact]
    public async Task Cancellation_NeedsTheBeneficiarysConsent()
    {
        await _channel.AdvisedCreditAsync();
        await ProposeAsync("""{"cancel":true}""");
        (await _channel.SubmitAsync<LetterOfCredit>("issuingOfficer", "LetterOfCredit:GetCredit", ["LC-1"])).Status.Should().Be(CreditStatus.Advised);

        await _channel.SubmitAsync<Amendment>("beneficiary", "LetterOfCredit:AcceptAmendment", ["LC-1", "AM-1", "[]"]);

        (await _channel.SubmitAsync<LetterOfCredit>("issuingOfficer", "LetterOfCredit:GetCredit", ["LC-1"])).Status.Should().Be(CreditStatus.Cancelled);
    }

    [Fact]
    public async Task Reject_ThenAcceptAgain_Is409()
    {
        await _channel.AdvisedCreditAsync();
        await ProposeAsync("""{"cancel":true}""");

        (await _channel.SubmitAsync<Amendment>("beneficiary", "LetterOfCredit:RejectAmendment", ["LC-1", "AM-1"])).Status.Should().Be(AmendmentStatus.Rejected);
        await _channel.RefusedAsync(409, "beneficiary", "LetterOfCredit:AcceptAmendment", ["LC-1", "AM-1", "[]"]);
    }
}
