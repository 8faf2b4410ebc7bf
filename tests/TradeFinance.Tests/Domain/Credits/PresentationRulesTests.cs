using FluentAssertions;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests.Domain.Credits;

public class PresentationRulesTests
{
    /// <summary>Thursday 2 April 2026: shipped 1 April, presented the next day.</summary>
    private static readonly DateTimeOffset PresentedAt = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly ShipmentEvidence OnTime = new("BL-1", new DateOnly(2026, 4, 1), "CNSHA", "NLRTM");

    private static PresentationRules.Presented Present(
        long amount, ShipmentEvidence? shipment = null, DateTimeOffset? at = null, CreditTerms? terms = null, long drawn = 0, int honoured = 0)
    {
        var (credit, data) = TradeSamples.AdvisedCredit(terms, drawn);
        return PresentationRules.Present(
            credit with { HonouredDrawings = honoured }, data, "P-1", TradeSamples.Claim(amount), TradeSamples.Salt(3), shipment ?? OnTime,
            TradeSamples.Calendar(), at ?? PresentedAt);
    }

    [Fact]
    public void Present_CompliantPartialDrawing_HasNoDiscrepancyAndAFiveBankingDayDeadline()
    {
        var presented = Present(4_000_000);

        presented.Presentation.Status.Should().Be(PresentationStatus.Presented);
        presented.Presentation.DetectedDiscrepancies.Should().BeEmpty();
        presented.Presentation.ExaminationDeadline.Should().Be(new DateOnly(2026, 4, 9));
        presented.Presentation.ClaimHash.Should().Be(SaltedHash.Compute(TradeSamples.Salt(3), TradeSamples.Claim(4_000_000)));
    }

    [Fact]
    public void Present_AfterExpiry_Is422()
    {
        Refusal.Expect(422, () => Present(4_000_000, at: new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero))).Should().Contain("Art. 6(e)");
    }

    [Fact]
    public void Present_AboveBalancePlusTolerance_Is422()
    {
        Refusal.Expect(422, () => Present(7_000_000, drawn: 4_000_000)).Should().Contain("Art. 30");
        Present(7_000_000, drawn: 4_000_000, terms: TradeSamples.Terms(tolerance: new Tolerance(10, 10))).Presentation.Status.Should().Be(PresentationStatus.Presented);
    }

    [Fact]
    public void Present_AfterThePresentationPeriod_RecordsLatePresentation()
    {
        // Shipped 1 April: the last day is 22 April.
        var presented = Present(4_000_000, at: new DateTimeOffset(2026, 4, 23, 9, 0, 0, TimeSpan.Zero));

        presented.Presentation.DetectedDiscrepancies.Should().Equal(DiscrepancyCodes.LatePresentation);
        presented.Private.DetectedDiscrepancies.Single().Description.Should().Contain("Art. 14(c)");
    }

    [Fact]
    public void Present_PartialDrawingWhenProhibited_RecordsTheDiscrepancy()
    {
        var terms = TradeSamples.Terms(ShipmentAllowance.NotAllowed);

        Present(4_000_000, terms: terms).Presentation.DetectedDiscrepancies.Should().Equal(DiscrepancyCodes.PartialDrawingNotAllowed);
        Present(10_000_000, terms: terms).Presentation.DetectedDiscrepancies.Should().BeEmpty();
        Present(1_000_000, terms: terms, drawn: 9_000_000, honoured: 1).Presentation.DetectedDiscrepancies
            .Should().Equal(DiscrepancyCodes.PartialDrawingNotAllowed);
    }

    [Fact]
    public void Present_LateShipmentAndOtherPorts_RecordsEachDiscrepancy()
    {
        var shipment = new ShipmentEvidence("BL-1", new DateOnly(2026, 6, 16), "CNNGB", "DEHAM");

        var presented = Present(4_000_000, shipment, new DateTimeOffset(2026, 6, 17, 9, 0, 0, TimeSpan.Zero));

        presented.Presentation.DetectedDiscrepancies.Should().BeEquivalentTo(
            [DiscrepancyCodes.LateShipment, DiscrepancyCodes.PortOfLoadingMismatch, DiscrepancyCodes.PortOfDischargeMismatch]);
    }

    [Fact]
    public void Present_CreditNotAdvised_Is409()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();

        Refusal.Expect(409, () => PresentationRules.Present(credit with { Status = CreditStatus.Issued }, data, "P-1", TradeSamples.Claim(1), TradeSamples.Salt(), OnTime, TradeSamples.Calendar(), PresentedAt));
    }

    [Fact]
    public void Present_BadDocumentHash_Is400NamingIt()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var claim = new PresentationClaim(1, [new PresentedDocument("CommercialInvoice", "xyz")]);

        Refusal.Expect(400, () => PresentationRules.Present(credit, data, "P-1", claim, TradeSamples.Salt(), OnTime, TradeSamples.Calendar(), PresentedAt))
            .Should().Contain("claim.documents[0].sha256");
    }

    [Fact]
    public void Honour_CompliantPresentation_ReducesBalance()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var presented = Present(4_000_000);

        var honoured = PresentationRules.Honour(credit, data, presented.Presentation, presented.Private, PresentedAt.AddDays(1));

        honoured.Presentation.Status.Should().Be(PresentationStatus.Honoured);
        honoured.CreditPrivate.DrawnAmount.Should().Be(4_000_000);
        CreditRules.AvailableBalance(honoured.CreditPrivate.Terms, honoured.CreditPrivate.DrawnAmount).Should().Be(6_000_000);
        honoured.Credit.HonouredDrawings.Should().Be(1);
        honoured.Credit.Status.Should().Be(CreditStatus.Advised);
    }

    [Fact]
    public void Honour_LastDrawing_MakesTheCreditFullyDrawn()
    {
        var (credit, data) = TradeSamples.AdvisedCredit(drawn: 4_000_000);
        var presented = Present(6_000_000, drawn: 4_000_000);

        var honoured = PresentationRules.Honour(credit, data, presented.Presentation, presented.Private, PresentedAt);

        honoured.Credit.Status.Should().Be(CreditStatus.FullyDrawn);
    }

    [Fact]
    public void Honour_WhenAnotherDrawingUsedTheBalance_Is422()
    {
        var presented = Present(6_000_000);
        var (credit, data) = TradeSamples.AdvisedCredit(drawn: 5_000_000);

        Refusal.Expect(422, () => PresentationRules.Honour(credit, data, presented.Presentation, presented.Private, PresentedAt));
    }

    [Fact]
    public void Honour_DiscrepantWithinExamination_Is422_ButAfterTheDeadline_IsAllowed()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var presented = Present(4_000_000, new ShipmentEvidence("BL-1", new DateOnly(2026, 4, 1), "CNNGB", "NLRTM"));

        Refusal.Expect(422, () => PresentationRules.Honour(credit, data, presented.Presentation, presented.Private, PresentedAt));
        PresentationRules.Honour(credit, data, presented.Presentation, presented.Private, new DateTimeOffset(2026, 4, 10, 9, 0, 0, TimeSpan.Zero))
            .Presentation.Status.Should().Be(PresentationStatus.Honoured, "a bank that did not refuse in time is precluded (Art. 16(f))");
    }

    [Fact]
    public void Refuse_ListsDetectedAndOwnDiscrepanciesInOneNotice()
    {
        var presented = Present(4_000_000, new ShipmentEvidence("BL-1", new DateOnly(2026, 4, 1), "CNNGB", "NLRTM"));
        var notice = new RefusalNotice([new Discrepancy("InvoiceNotSigned", "The commercial invoice is not signed.")], DocumentDisposal.HoldingPendingWaiver);

        var (refused, details) = PresentationRules.Refuse(presented.Presentation, presented.Private, notice, PresentedAt.AddDays(1));

        refused.Status.Should().Be(PresentationStatus.Refused);
        refused.RefusalDiscrepancies.Should().Equal(DiscrepancyCodes.PortOfLoadingMismatch, "InvoiceNotSigned");
        details.RefusalDiscrepancies.Should().HaveCount(2);
        Refusal.Expect(409, () => PresentationRules.Refuse(refused, details, notice, PresentedAt.AddDays(1))).Should().Contain("Refused");
    }

    [Fact]
    public void Refuse_AfterFiveBankingDays_Is422()
    {
        var presented = Present(4_000_000, new ShipmentEvidence("BL-1", new DateOnly(2026, 4, 1), "CNNGB", "NLRTM"));
        var notice = new RefusalNotice([], DocumentDisposal.ReturningDocuments);

        PresentationRules.Refuse(presented.Presentation, presented.Private, notice, new DateTimeOffset(2026, 4, 9, 23, 0, 0, TimeSpan.Zero));
        Refusal.Expect(422, () => PresentationRules.Refuse(presented.Presentation, presented.Private, notice, new DateTimeOffset(2026, 4, 10, 0, 0, 0, TimeSpan.Zero)))
            .Should().Contain("Art. 14(b)");
    }

    [Fact]
    public void Refuse_NoDiscrepancyAtAllOrNoDisposal_Is400()
    {
        var presented = Present(4_000_000);

        Refusal.Expect(400, () => PresentationRules.Refuse(presented.Presentation, presented.Private, new RefusalNotice([], DocumentDisposal.ReturningDocuments), PresentedAt))
            .Should().Contain("notice.discrepancies");
        Refusal.Expect(400, () => PresentationRules.Refuse(presented.Presentation, presented.Private, new RefusalNotice([new Discrepancy("X", "y")], DocumentDisposal.Unspecified), PresentedAt))
            .Should().Contain("notice.disposal");
    }

    [Fact]
    public void WaiveThenHonour_RefusedPresentation_IsHonoured()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var presented = Present(4_000_000, new ShipmentEvidence("BL-1", new DateOnly(2026, 4, 1), "CNNGB", "NLRTM"));
        var (refused, details) = PresentationRules.Refuse(presented.Presentation, presented.Private, new RefusalNotice([], DocumentDisposal.HoldingPendingWaiver), PresentedAt);

        var waived = PresentationRules.Waive(refused, PresentedAt.AddDays(2));
        var honoured = PresentationRules.Honour(credit, data, waived, details, PresentedAt.AddDays(2));

        waived.Status.Should().Be(PresentationStatus.Waived);
        honoured.Presentation.Status.Should().Be(PresentationStatus.Honoured);
        Refusal.Expect(409, () => PresentationRules.Honour(credit, data, refused, details, PresentedAt)).Should().Contain("Refused");
    }

    [Fact]
    public void Waive_DocumentsReturned_Is409_AndNotRefused_Is409()
    {
        var presented = Present(4_000_000, new ShipmentEvidence("BL-1", new DateOnly(2026, 4, 1), "CNNGB", "NLRTM"));
        var (returned, _) = PresentationRules.Refuse(presented.Presentation, presented.Private, new RefusalNotice([], DocumentDisposal.ReturningDocuments), PresentedAt);

        Refusal.Expect(409, () => PresentationRules.Waive(returned, PresentedAt));
        Refusal.Expect(409, () => PresentationRules.Waive(presented.Presentation, PresentedAt));
    }

    [Fact]
    public void Reimburse_OnlyAfterHonour()
    {
        var (credit, data) = TradeSamples.AdvisedCredit();
        var presented = Present(4_000_000);
        Refusal.Expect(409, () => PresentationRules.Reimburse(presented.Presentation, PresentedAt));

        var honoured = PresentationRules.Honour(credit, data, presented.Presentation, presented.Private, PresentedAt);
        PresentationRules.Reimburse(honoured.Presentation, PresentedAt).Status.Should().Be(PresentationStatus.Reimbursed);
    }
}
