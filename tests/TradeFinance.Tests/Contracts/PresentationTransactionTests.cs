using FluentAssertions;
using TradeFinance.Contracts;
using TradeFinance.Domain.BillsOfLading;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests.Contracts;

public class PresentationTransactionTests
{
    private static readonly DateOnly ShippedOnBoard = new(2026, 4, 1);

    /// <summary>Thursday 2 April 2026.</summary>
    private static readonly DateTimeOffset PresentationDay = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly TradeChannel _channel = new();

    private async Task AdvisedCreditWithBillAsync(string billId = "BL-1", string portOfLoading = "CNSHA")
    {
        await _channel.AdvisedCreditAsync();
        _channel.Now = new DateTimeOffset(2026, 4, 1, 18, 0, 0, TimeSpan.Zero);
        await _channel.IssueBillAsync(billId, ShippedOnBoard, portOfLoading);
        _channel.Now = PresentationDay;
    }

    private static Dictionary<string, object> Notice(string disposal, params Discrepancy[] discrepancies) =>
        new() { ["notice"] = new RefusalNotice(discrepancies, Enum.Parse<DocumentDisposal>(disposal)) };

    [Fact]
    public async Task Present_ByTheBeneficiaryHolder_HoldsTheBillAndSetsTheDeadline()
    {
        await AdvisedCreditWithBillAsync();

        var presentation = await _channel.PresentAsync("P-1", "BL-1", 4_000_000);

        presentation.ExaminationDeadline.Should().Be(new DateOnly(2026, 4, 9));
        presentation.DetectedDiscrepancies.Should().BeEmpty();
        (await _channel.BillAsync("BL-1")).PresentedUnder.Should().Be(new PresentationReference("LC-1", "P-1"));
        _channel.LastEventName.Should().Be("DocumentsPresented");
        _channel.PublicText().Should().NotContain("4000000");
    }

    [Fact]
    public async Task Present_ByOtherBeneficiaryOrApplicant_Is403()
    {
        await AdvisedCreditWithBillAsync();

        await _channel.RefusedAsync(403, "otherBeneficiary", "LetterOfCredit:Present", ["LC-1", "P-1", "BL-1"], TradeSteps.ClaimTransient(1_000_000));
        await _channel.RefusedAsync(403, "applicant", "LetterOfCredit:Present", ["LC-1", "P-1", "BL-1"], TradeSteps.ClaimTransient(1_000_000));
    }

    [Fact]
    public async Task Present_BillHeldBySomeoneElse_Is403()
    {
        await AdvisedCreditWithBillAsync();
        await _channel.SubmitAsync<BillOfLadingRecord>("beneficiary", "BillOfLading:Transfer",
            ["BL-1", "EndorseToOrder", TradeSteps.Json(new Party(TradeSamples.AdvisingBank))]);

        await _channel.RefusedAsync(403, "beneficiary", "LetterOfCredit:Present", ["LC-1", "P-1", "BL-1"], TradeSteps.ClaimTransient(1_000_000));
    }

    [Fact]
    public async Task Present_AfterExpiry_Is422()
    {
        await AdvisedCreditWithBillAsync();
        _channel.Now = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);

        (await _channel.RefusedAsync(422, "beneficiary", "LetterOfCredit:Present", ["LC-1", "P-1", "BL-1"], TradeSteps.ClaimTransient(1_000_000)))
            .Should().Contain("Art. 6(e)");
    }

    [Fact]
    public async Task Present_AfterThePresentationPeriod_IsDiscrepantAndCannotBeHonouredWithoutWaiver()
    {
        await AdvisedCreditWithBillAsync();
        _channel.Now = new DateTimeOffset(2026, 4, 23, 9, 0, 0, TimeSpan.Zero);

        var presentation = await _channel.PresentAsync("P-1", "BL-1", 4_000_000);

        presentation.DetectedDiscrepancies.Should().Equal(DiscrepancyCodes.LatePresentation);
        (await _channel.RefusedAsync(422, "issuingOfficer", "LetterOfCredit:Honour", ["LC-1", "P-1"])).Should().Contain(DiscrepancyCodes.LatePresentation);
    }

    [Fact]
    public async Task Present_OverTheBalance_Is422()
    {
        await AdvisedCreditWithBillAsync();

        (await _channel.RefusedAsync(422, "beneficiary", "LetterOfCredit:Present", ["LC-1", "P-1", "BL-1"], TradeSteps.ClaimTransient(10_000_001)))
            .Should().Contain("Art. 30").And.NotContain("10000001");
    }

    [Fact]
    public async Task Honour_ByApplicantOrAdvisingBank_Is403()
    {
        await AdvisedCreditWithBillAsync();
        await _channel.PresentAsync("P-1", "BL-1", 4_000_000);

        await _channel.RefusedAsync(403, "applicant", "LetterOfCredit:Honour", ["LC-1", "P-1"]);
        await _channel.RefusedAsync(403, "advisingOfficer", "LetterOfCredit:Honour", ["LC-1", "P-1"]);
    }

    [Fact]
    public async Task Honour_PassesTitleToTheBank_AndReimbursementToTheApplicant()
    {
        await AdvisedCreditWithBillAsync();
        await _channel.PresentAsync("P-1", "BL-1", 4_000_000);

        await _channel.HonourAsync("P-1");
        (await _channel.BillAsync("BL-1")).Holder.Should().Be(new Party(TradeSamples.IssuingBank));
        (await _channel.TermsAsync()).AvailableBalance.Should().Be(6_000_000);

        await _channel.SubmitAsync<Presentation>("issuingOfficer", "LetterOfCredit:RecordReimbursement", ["LC-1", "P-1"]);
        var bill = await _channel.BillAsync("BL-1");

        bill.Holder.Should().Be(TradeSamples.ImporterParty);
        bill.PresentedUnder.Should().BeNull();
        _channel.LastEventName.Should().Be("ReimbursementRecorded");
    }

    [Fact]
    public async Task Honour_Twice_Is409()
    {
        await AdvisedCreditWithBillAsync();
        await _channel.PresentAsync("P-1", "BL-1", 4_000_000);
        await _channel.HonourAsync("P-1");

        await _channel.RefusedAsync(409, "issuingOfficer", "LetterOfCredit:Honour", ["LC-1", "P-1"]);
    }

    [Fact]
    public async Task Refuse_AfterFiveBankingDays_Is422()
    {
        var holiday = new DateOnly(2026, 4, 6);
        await _channel.ConfigureAsync(TradeSamples.Configuration(holiday));
        await _channel.ApplyAsync();
        await _channel.SubmitAsync<LetterOfCredit>("issuingOfficer", "LetterOfCredit:Issue", ["LC-1"]);
        await _channel.SubmitAsync<LetterOfCredit>("advisingOfficer", "LetterOfCredit:Advise", ["LC-1"]);
        _channel.Now = new DateTimeOffset(2026, 4, 1, 18, 0, 0, TimeSpan.Zero);
        await _channel.IssueBillAsync("BL-1", ShippedOnBoard, "CNNGB");
        _channel.Now = PresentationDay;
        var presentation = await _channel.PresentAsync("P-1", "BL-1", 4_000_000);
        presentation.ExaminationDeadline.Should().Be(new DateOnly(2026, 4, 10), "Easter Monday is a holiday in the configured calendar");

        _channel.Now = new DateTimeOffset(2026, 4, 11, 9, 0, 0, TimeSpan.Zero);
        (await _channel.RefusedAsync(422, "issuingOfficer", "LetterOfCredit:Refuse", ["LC-1", "P-1"], Notice("HoldingPendingWaiver")))
            .Should().Contain("Art. 14(b)");
    }

    [Fact]
    public async Task Refuse_ListsEveryDiscrepancyInOneNotice_AndASecondNoticeIs409()
    {
        await AdvisedCreditWithBillAsync(portOfLoading: "CNNGB");
        await _channel.PresentAsync("P-1", "BL-1", 4_000_000);

        var refused = await _channel.SubmitAsync<Presentation>("issuingOfficer", "LetterOfCredit:Refuse", ["LC-1", "P-1"],
            Notice("HoldingPendingWaiver", new Discrepancy("InvoiceNotSigned", "The commercial invoice is not signed.")));
        var details = await _channel.SubmitAsync<PresentationPrivateData>("beneficiary", "LetterOfCredit:GetPresentationDetails", ["LC-1", "P-1"]);

        refused.RefusalDiscrepancies.Should().Equal(DiscrepancyCodes.PortOfLoadingMismatch, "InvoiceNotSigned");
        details.RefusalDiscrepancies!.Select(d => d.Description).Should().Contain("The commercial invoice is not signed.");
        _channel.LastEventName.Should().Be("PresentationRefused");
        _channel.LastEventPayload.Should().Contain("InvoiceNotSigned").And.NotContain("not signed");
        await _channel.RefusedAsync(409, "issuingOfficer", "LetterOfCredit:Refuse", ["LC-1", "P-1"], Notice("HoldingPendingWaiver", new Discrepancy("X", "Another.")));
    }

    [Fact]
    public async Task Refuse_ReturningDocuments_FreesTheBill_AndNothingIsLeftToWaive()
    {
        await AdvisedCreditWithBillAsync(portOfLoading: "CNNGB");
        await _channel.PresentAsync("P-1", "BL-1", 4_000_000);

        await _channel.SubmitAsync<Presentation>("issuingOfficer", "LetterOfCredit:Refuse", ["LC-1", "P-1"], Notice("ReturningDocuments"));

        (await _channel.BillAsync("BL-1")).PresentedUnder.Should().BeNull();
        await _channel.RefusedAsync(409, "applicant", "LetterOfCredit:WaiveDiscrepancies", ["LC-1", "P-1"]);
    }

    [Fact]
    public async Task Waive_ByBeneficiaryOrBank_Is403()
    {
        await AdvisedCreditWithBillAsync(portOfLoading: "CNNGB");
        await _channel.PresentAsync("P-1", "BL-1", 4_000_000);
        await _channel.SubmitAsync<Presentation>("issuingOfficer", "LetterOfCredit:Refuse", ["LC-1", "P-1"], Notice("HoldingPendingWaiver"));

        await _channel.RefusedAsync(403, "beneficiary", "LetterOfCredit:WaiveDiscrepancies", ["LC-1", "P-1"]);
        await _channel.RefusedAsync(403, "issuingOfficer", "LetterOfCredit:WaiveDiscrepancies", ["LC-1", "P-1"]);
        await _channel.RefusedAsync(403, "otherApplicant", "LetterOfCredit:WaiveDiscrepancies", ["LC-1", "P-1"]);
    }

    [Fact]
    public async Task HappyPath_TwoPartialDrawingsAgainstTwoBills_OneRefusedThenWaived_FullyDrawsTheCredit()
    {
        await _channel.AdvisedCreditAsync();

        // First shipment: compliant, honoured.
        _channel.Now = new DateTimeOffset(2026, 4, 1, 18, 0, 0, TimeSpan.Zero);
        await _channel.IssueBillAsync("BL-1", new DateOnly(2026, 4, 1));
        _channel.Now = new DateTimeOffset(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);
        await _channel.PresentAsync("P-1", "BL-1", 4_000_000);
        _channel.Now = new DateTimeOffset(2026, 4, 3, 10, 0, 0, TimeSpan.Zero);
        await _channel.HonourAsync("P-1");
        await _channel.SubmitAsync<Presentation>("issuingOfficer", "LetterOfCredit:RecordReimbursement", ["LC-1", "P-1"]);

        // Second shipment: loaded at another port, refused, waived by the applicant, honoured.
        _channel.Now = new DateTimeOffset(2026, 5, 4, 18, 0, 0, TimeSpan.Zero);
        await _channel.IssueBillAsync("BL-2", new DateOnly(2026, 5, 4), "CNNGB");
        _channel.Now = new DateTimeOffset(2026, 5, 5, 10, 0, 0, TimeSpan.Zero);
        var second = await _channel.PresentAsync("P-2", "BL-2", 6_000_000);
        second.DetectedDiscrepancies.Should().Equal(DiscrepancyCodes.PortOfLoadingMismatch);
        await _channel.SubmitAsync<Presentation>("issuingOfficer", "LetterOfCredit:Refuse", ["LC-1", "P-2"], Notice("HoldingPendingWaiver"));
        _channel.Now = new DateTimeOffset(2026, 5, 6, 10, 0, 0, TimeSpan.Zero);
        await _channel.SubmitAsync<Presentation>("applicant", "LetterOfCredit:WaiveDiscrepancies", ["LC-1", "P-2"]);
        (await _channel.HonourAsync("P-2")).Status.Should().Be(PresentationStatus.Honoured);
        await _channel.SubmitAsync<Presentation>("issuingOfficer", "LetterOfCredit:RecordReimbursement", ["LC-1", "P-2"]);

        var credit = await _channel.SubmitAsync<LetterOfCredit>("applicant", "LetterOfCredit:GetCredit", ["LC-1"]);
        var presentations = await _channel.SubmitAsync<List<Presentation>>("issuingOfficer", "LetterOfCredit:ListPresentations", ["LC-1"]);
        credit.Status.Should().Be(CreditStatus.FullyDrawn);
        credit.HonouredDrawings.Should().Be(2);
        (await _channel.TermsAsync()).DrawnAmount.Should().Be(10_000_000);
        presentations.Select(p => p.Status).Should().Equal(PresentationStatus.Reimbursed, PresentationStatus.Reimbursed);
        (await _channel.BillAsync("BL-2")).Holder.Should().Be(TradeSamples.ImporterParty);
        await _channel.RefusedAsync(409, "beneficiary", "LetterOfCredit:Present", ["LC-1", "P-3", "BL-2"], TradeSteps.ClaimTransient(1));

        // The importer, now holder, surrenders BL-2 to the carrier for delivery.
        await _channel.SubmitAsync<BillOfLadingRecord>("applicant", "BillOfLading:RequestSurrender", ["BL-2", "Delivery"]);
        (await _channel.SubmitAsync<BillOfLadingRecord>("carrierOfficer", "BillOfLading:AcceptSurrender", ["BL-2"])).Status
            .Should().Be(BillOfLadingStatus.SurrenderedForDelivery);
        var chain = await _channel.SubmitAsync<List<EndorsementEntry>>("applicant", "BillOfLading:GetEndorsementChain", ["BL-2"]);
        chain.Select(e => e.Action).Should().Equal(
            EndorsementAction.Issue, EndorsementAction.TransferOnHonour, EndorsementAction.TransferOnReimbursement,
            EndorsementAction.SurrenderForDelivery, EndorsementAction.SurrenderAccepted);
        _channel.PublicText().Should().NotContain("6000000").And.NotContain("electric bicycles");
    }
}
