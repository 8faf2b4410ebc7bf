using FluentAssertions;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests.Domain.Credits;

public class AmendmentRulesTests
{
    private static readonly DateTimeOffset Now = TradeSamples.Start.AddDays(3);

    [Fact]
    public void Propose_AmountAndExpiry_ListsChangedFieldsAndHashesNewTerms()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var request = new AmendmentRequest(TradeSamples.Changes("""{"amount":12000000,"expiryDate":"2026-07-31"}"""), false);

        var proposal = AmendmentRules.Propose(credit, data, "AM-1", request, TradeSamples.Salt(9), Now);

        proposal.Amendment.ChangedFields.Should().Equal("amount", "expiryDate");
        proposal.NewTerms!.Amount.Should().Be(12_000_000);
        proposal.Amendment.NewTermsHash.Should().Be(SaltedHash.Compute(TradeSamples.Salt(9), proposal.NewTerms));
        proposal.Credit.PendingAmendmentId.Should().Be("AM-1");
        proposal.Credit.TermsHash.Should().Be(credit.TermsHash, "terms change only when the beneficiary accepts (Art. 10(c))");
    }

    [Fact]
    public void Propose_WhileAnotherIsPending_Is409()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var pending = credit with { PendingAmendmentId = "AM-1" };

        Refusal.Expect(409, () => AmendmentRules.Propose(pending, data, "AM-2", new AmendmentRequest(TradeSamples.Changes("""{"amount":1}"""), false), TradeSamples.Salt(), Now));
    }

    [Fact]
    public void Propose_ChangingTheBeneficiary_Is400()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var request = new AmendmentRequest(TradeSamples.Changes("""{"beneficiary":{"companyId":"EXP-2","name":"Other","address":"Elsewhere"}}"""), false);

        Refusal.Expect(400, () => AmendmentRules.Propose(credit, data, "AM-1", request, TradeSamples.Salt(), Now))
            .Should().Contain("amendment.changes.beneficiary");
    }

    [Fact]
    public void Propose_UnknownFieldOrNoChange_Is400()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();

        Refusal.Expect(400, () => AmendmentRules.Propose(credit, data, "AM-1", new AmendmentRequest(TradeSamples.Changes("""{"colour":"red"}"""), false), TradeSamples.Salt(), Now))
            .Should().Contain("amendment.changes.colour");
        Refusal.Expect(400, () => AmendmentRules.Propose(credit, data, "AM-1", new AmendmentRequest(TradeSamples.Changes("""{"amount":10000000}"""), false), TradeSamples.Salt(), Now));
    }

    [Fact]
    public void Propose_AmountBelowDrawn_Is422()
    {
        var (credit, data) = TradeSamples.AdvisedCredit(drawn: 6_000_000);

        Refusal.Expect(422, () => AmendmentRules.Propose(credit, data, "AM-1", new AmendmentRequest(TradeSamples.Changes("""{"amount":5000000}"""), false), TradeSamples.Salt(), Now));
    }

    [Fact]
    public void Accept_EveryChangedField_AppliesTheNewTermsHash()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var proposal = AmendmentRules.Propose(credit, data, "AM-1", new AmendmentRequest(TradeSamples.Changes("""{"amount":12000000,"expiryDate":"2026-07-31"}"""), false), TradeSamples.Salt(9), Now);

        var (amendment, updated) = AmendmentRules.Accept(proposal.Credit, proposal.Amendment, ["expiryDate", "amount"], proposal.Amendment.NewTermsHash, Now);

        amendment.Status.Should().Be(AmendmentStatus.Accepted);
        updated.TermsHash.Should().Be(proposal.Amendment.NewTermsHash);
        updated.AcceptedAmendments.Should().Be(1);
        updated.PendingAmendmentId.Should().BeNull();
    }

    [Fact]
    public void Accept_SomeChangedFields_IsARejectionForPartialAcceptance()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var proposal = AmendmentRules.Propose(credit, data, "AM-1", new AmendmentRequest(TradeSamples.Changes("""{"amount":12000000,"expiryDate":"2026-07-31"}"""), false), TradeSamples.Salt(9), Now);

        var (amendment, updated) = AmendmentRules.Accept(proposal.Credit, proposal.Amendment, ["amount"], proposal.Amendment.NewTermsHash, Now);

        amendment.Status.Should().Be(AmendmentStatus.Rejected);
        amendment.Rejection.Should().Be(AmendmentRejection.PartialAcceptance);
        updated.TermsHash.Should().Be(credit.TermsHash);
        updated.PendingAmendmentId.Should().BeNull();
    }

    [Fact]
    public void Accept_FieldTheAmendmentDoesNotChange_Is400()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var proposal = AmendmentRules.Propose(credit, data, "AM-1", new AmendmentRequest(TradeSamples.Changes("""{"amount":12000000}"""), false), TradeSamples.Salt(9), Now);

        Refusal.Expect(400, () => AmendmentRules.Accept(proposal.Credit, proposal.Amendment, ["amount", "goodsDescription"], proposal.Amendment.NewTermsHash, Now));
    }

    [Fact]
    public void Cancellation_AcceptedByBeneficiary_CancelsTheCredit()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var proposal = AmendmentRules.Propose(credit, data, "AM-1", new AmendmentRequest(null, true), TradeSamples.Salt(), Now);

        var (amendment, updated) = AmendmentRules.Accept(proposal.Credit, proposal.Amendment, [], null, Now);

        proposal.Amendment.Kind.Should().Be(AmendmentKind.Cancellation);
        amendment.Status.Should().Be(AmendmentStatus.Accepted);
        updated.Status.Should().Be(CreditStatus.Cancelled);
    }

    [Fact]
    public void Reject_ThenAnswerAgain_Is409()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var proposal = AmendmentRules.Propose(credit, data, "AM-1", new AmendmentRequest(null, true), TradeSamples.Salt(), Now);

        var (rejected, updated) = AmendmentRules.Reject(proposal.Credit, proposal.Amendment, Now);

        rejected.Rejection.Should().Be(AmendmentRejection.RejectedByBeneficiary);
        updated.Status.Should().Be(CreditStatus.Advised);
        Refusal.Expect(409, () => AmendmentRules.Accept(updated, rejected, [], null, Now));
    }
}
