using System.Text;
using FluentAssertions;
using Fabric.Chaincode.Endorsement;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Configuration;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests.Contracts;

public class LetterOfCreditContractTests
{
    private readonly TradeChannel _channel = new();

    [Fact]
    public async Task Apply_ByApplicant_KeepsTermsPrivateAndPublishesTheirSaltedHash()
    {
        await _channel.ConfigureAsync();

        var credit = await _channel.ApplyAsync();

        credit.Status.Should().Be(CreditStatus.Applied);
        credit.TermsHash.Should().Be(SaltedHash.Compute(TradeSamples.Salt(), TradeSamples.Terms()));
        var publicText = _channel.PublicText();
        publicText.Should().NotContain("10000000").And.NotContain("electric bicycles").And.NotContain("Havenstraat");
        var privateRecord = Encoding.UTF8.GetString(_channel.Stub.PrivateState(TradeConfiguration.DefaultCreditCollection).Single().Value);
        privateRecord.Should().Contain("10000000").And.Contain("electric bicycles");
        _channel.LastEventName.Should().Be("LetterOfCreditApplied");
        _channel.LastEventPayload.Should().Contain("\"creditId\":\"LC-1\"").And.NotContain("10000000");
    }

    [Fact]
    public async Task Apply_SetsAKeyPolicyOfBothBanks()
    {
        await _channel.ConfigureAsync();
        await _channel.ApplyAsync();

        var policy = await _channel.Stub.GetStateValidationParameterAsync(_channel.Stub.CreateCompositeKey("trade.credit", ["LC-1"]));

        new KeyEndorsementPolicy(policy).Organizations.Should().Equal(TradeSamples.AdvisingBank, TradeSamples.IssuingBank);
    }

    [Theory]
    [InlineData("beneficiary")]
    [InlineData("issuingOfficer")]
    [InlineData("applicantAtAdvisingBank")]
    [InlineData("noRole")]
    public async Task Apply_ByAnyoneButAnApplicantOfAnIssuingBank_Is403(string caller)
    {
        await _channel.ConfigureAsync();

        await _channel.RefusedAsync(403, caller, "LetterOfCredit:Apply", ["LC-1"], TradeSteps.TermsTransient());
    }

    [Fact]
    public async Task Apply_ForAnotherCompany_Is403()
    {
        await _channel.ConfigureAsync();

        await _channel.RefusedAsync(403, "otherApplicant", "LetterOfCredit:Apply", ["LC-1"], TradeSteps.TermsTransient());
    }

    [Fact]
    public async Task Apply_WithoutTransientTermsOrSalt_Is400()
    {
        await _channel.ConfigureAsync();

        (await _channel.RefusedAsync(400, "applicant", "LetterOfCredit:Apply", ["LC-1"], new Dictionary<string, object> { ["salt"] = TradeSamples.Salt() }))
            .Should().Contain("terms");
        (await _channel.RefusedAsync(400, "applicant", "LetterOfCredit:Apply", ["LC-1"],
            new Dictionary<string, object> { ["terms"] = TradeSamples.Terms(), ["salt"] = new byte[4] })).Should().Contain("'salt'");
    }

    [Fact]
    public async Task Apply_InvalidTerms_Is400NamingTheFieldWithoutEchoingPrivateValues()
    {
        await _channel.ConfigureAsync();

        var message = await _channel.RefusedAsync(400, "applicant", "LetterOfCredit:Apply", ["LC-1"], TradeSteps.TermsTransient(TradeSamples.Terms() with { Amount = -5, PortOfLoading = "Shanghai" }));

        message.Should().Contain("terms.amount").And.Contain("terms.portOfLoading").And.NotContain("Shanghai");
    }

    [Fact]
    public async Task Apply_AdvisingBankNotConfigured_Is400()
    {
        await _channel.ConfigureAsync();

        await _channel.RefusedAsync(400, "applicant", "LetterOfCredit:Apply", ["LC-1"], TradeSteps.TermsTransient(TradeSamples.Terms() with { AdvisingBankMspId = "SomeBankMSP" }));
    }

    [Fact]
    public async Task Apply_BeforeConfiguration_Is409_AndTwice_Is409()
    {
        await _channel.RefusedAsync(409, "applicant", "LetterOfCredit:Apply", ["LC-1"], TradeSteps.TermsTransient());
        await _channel.ConfigureAsync();
        await _channel.ApplyAsync();
        await _channel.RefusedAsync(409, "applicant", "LetterOfCredit:Apply", ["LC-1"], TradeSteps.TermsTransient());
    }

    [Fact]
    public async Task IssueThenAdvise_ByTheirBanks_EmitOneEventEach()
    {
        var credit = await _channel.AdvisedCreditAsync();

        credit.Status.Should().Be(CreditStatus.Advised);
        _channel.Stub.Events.Select(e => e.Name).Should().Equal(
            "TradeConfigurationInitialized", "LetterOfCreditApplied", "LetterOfCreditIssued", "LetterOfCreditAdvised");
    }

    [Fact]
    public async Task Issue_ByTheAdvisingBankOrTheApplicant_Is403()
    {
        await _channel.ConfigureAsync();
        await _channel.ApplyAsync();

        await _channel.RefusedAsync(403, "advisingOfficer", "LetterOfCredit:Issue", ["LC-1"]);
        await _channel.RefusedAsync(403, "applicant", "LetterOfCredit:Issue", ["LC-1"]);
    }

    [Fact]
    public async Task Advise_BeforeIssue_Is409_AndIssueTwice_Is409()
    {
        await _channel.ConfigureAsync();
        await _channel.ApplyAsync();
        await _channel.RefusedAsync(409, "advisingOfficer", "LetterOfCredit:Advise", ["LC-1"]);

        await _channel.SubmitAsync<LetterOfCredit>("issuingOfficer", "LetterOfCredit:Issue", ["LC-1"]);
        await _channel.RefusedAsync(409, "issuingOfficer", "LetterOfCredit:Issue", ["LC-1"]);
    }

    [Fact]
    public async Task Issue_UnknownCredit_Is404()
    {
        await _channel.ConfigureAsync();

        await _channel.RefusedAsync(404, "issuingOfficer", "LetterOfCredit:Issue", ["LC-404"]);
    }

    [Fact]
    public async Task Withdraw_AppliedByApplicant_Cancels_IssuedIs409()
    {
        await _channel.ConfigureAsync();
        await _channel.ApplyAsync();
        (await _channel.SubmitAsync<LetterOfCredit>("applicant", "LetterOfCredit:Withdraw", ["LC-1"])).Status.Should().Be(CreditStatus.Cancelled);
        _channel.LastEventName.Should().Be("LetterOfCreditCancelled");

        await _channel.ApplyAsync("LC-2");
        await _channel.SubmitAsync<LetterOfCredit>("issuingOfficer", "LetterOfCredit:Issue", ["LC-2"]);
        await _channel.RefusedAsync(409, "applicant", "LetterOfCredit:Withdraw", ["LC-2"]);
    }

    [Fact]
    public async Task Expire_BeforeAndAfterTheExpiryDate()
    {
        await _channel.AdvisedCreditAsync();

        _channel.Now = new DateTimeOffset(2026, 6, 30, 20, 0, 0, TimeSpan.Zero);
        await _channel.RefusedAsync(422, "advisingOfficer", "LetterOfCredit:Expire", ["LC-1"]);
        await _channel.RefusedAsync(403, "carrierOfficer", "LetterOfCredit:Expire", ["LC-1"]);
        _channel.Now = new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);
        (await _channel.SubmitAsync<LetterOfCredit>("advisingOfficer", "LetterOfCredit:Expire", ["LC-1"])).Status.Should().Be(CreditStatus.Expired);
        _channel.LastEventName.Should().Be("LetterOfCreditExpired");
    }

    [Fact]
    public async Task GetTerms_ByPartiesOfTheCredit_ButNotTheCarrierOrOtherCompanies()
    {
        await _channel.AdvisedCreditAsync();

        (await _channel.TermsAsync("beneficiary")).Terms.Amount.Should().Be(10_000_000);
        (await _channel.TermsAsync("applicant")).AvailableBalance.Should().Be(10_000_000);
        await _channel.RefusedAsync(403, "carrierOfficer", "LetterOfCredit:GetTerms", ["LC-1"]);
        await _channel.RefusedAsync(403, "otherBeneficiary", "LetterOfCredit:GetTerms", ["LC-1"]);
    }

    [Fact]
    public async Task GetCredit_PublicRecord_HasNoTerms()
    {
        await _channel.AdvisedCreditAsync();

        var response = await _channel.InvokeAsync("carrierOfficer", "LetterOfCredit:GetCredit", ["LC-1"]);

        response.Status.Should().Be(200);
        Encoding.UTF8.GetString(response.Payload.Span).Should().Contain("\"status\":\"Advised\"").And.NotContain("amount");
    }
}
