using FluentAssertions;
using TradeFinance.Domain.BillsOfLading;
using TradeFinance.Domain.Common;

namespace TradeFinance.Tests.Domain.BillsOfLading;

public class BillOfLadingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 18, 0, 0, TimeSpan.Zero);
    private static readonly Party Carrier = new(TradeSamples.Carrier);
    private static readonly Party Bank = new(TradeSamples.IssuingBank);

    private static BillOfLadingRecord Issue(bool toOrder = true, TransportDocumentType type = TransportDocumentType.BOL) =>
        BillOfLadingRules.Issue("BL-1", TradeSamples.Document(new DateOnly(2026, 4, 1), toOrder: toOrder, type: type), TradeSamples.Salt(), TradeSamples.Carrier, Now, "tx1").Record;

    [Fact]
    public void Issue_OrderBill_ShipperHoldsItAndTheChainStarts()
    {
        var document = TradeSamples.Document(new DateOnly(2026, 4, 1));

        var issued = BillOfLadingRules.Issue("BL-1", document, TradeSamples.Salt(), TradeSamples.Carrier, Now, "tx1");

        issued.Record.Status.Should().Be(BillOfLadingStatus.Issued);
        issued.Record.Holder.Should().Be(TradeSamples.ExporterParty);
        issued.Record.DocumentHash.Should().Be(SaltedHash.Compute(TradeSamples.Salt(), document));
        issued.Private.DocumentChecksum.Should().Be(SaltedHash.Checksum(document)).And.HaveLength(64);
        issued.Entry.Should().Be(new EndorsementEntry("BL-1", 1, EndorsementAction.Issue, Carrier, TradeSamples.ExporterParty, Now, "tx1"));
    }

    [Fact]
    public void Issue_ShippedInTheFutureOrToOrderSeaWaybill_Is400NamingFields()
    {
        var document = TradeSamples.Document(new DateOnly(2026, 4, 2), type: TransportDocumentType.SWB);

        var message = Refusal.Expect(400, () => BillOfLadingRules.Issue("BL-1", document, TradeSamples.Salt(), TradeSamples.Carrier, Now, "tx1"));

        message.Should().Contain("document.shippedOnBoardDate").And.Contain("document.isToOrder");
    }

    [Fact]
    public void Transfer_EndorseToOrderThenBlankThenTransfer_MovesTheHolder()
    {
        var bill = Issue();

        var first = BillOfLadingRules.Transfer(bill, TradeSamples.ExporterParty, EndorsementAction.EndorseToOrder, Bank, Now, "tx2");
        var second = BillOfLadingRules.Transfer(first.Record, Bank, EndorsementAction.BlankEndorse, TradeSamples.ImporterParty, Now, "tx3");
        var third = BillOfLadingRules.Transfer(second.Record, TradeSamples.ImporterParty, EndorsementAction.Transfer, new Party("AdvisingBankMSP", "AGENT-7"), Now, "tx4");

        first.Record.Holder.Should().Be(Bank);
        first.Record.Endorsee.Should().Be(Bank);
        second.Record.IsBlankEndorsed.Should().BeTrue();
        second.Record.Endorsee.Should().BeNull();
        third.Record.Holder.Should().Be(new Party("AdvisingBankMSP", "AGENT-7"));
        third.Entry.Sequence.Should().Be(4);
        third.Record.ChainLength.Should().Be(4);
    }

    [Fact]
    public void Transfer_ByNonHolder_Is403()
    {
        Refusal.Expect(403, () => BillOfLadingRules.Transfer(Issue(), TradeSamples.ImporterParty, EndorsementAction.Endorse, Bank, Now, "tx2"));
    }

    [Fact]
    public void Transfer_DuringPendingSurrender_Is409()
    {
        var pending = BillOfLadingRules.RequestSurrender(Issue(), TradeSamples.ExporterParty, forAmendment: false, Now, "tx2").Record;

        Refusal.Expect(409, () => BillOfLadingRules.Transfer(pending, TradeSamples.ExporterParty, EndorsementAction.Endorse, Bank, Now, "tx3"))
            .Should().Contain("surrender is pending");
    }

    [Fact]
    public void Transfer_EndorsingAStraightBill_Is422_ButTransferToConsignee_Works()
    {
        var straight = Issue(toOrder: false);

        Refusal.Expect(422, () => BillOfLadingRules.Transfer(straight, TradeSamples.ExporterParty, EndorsementAction.Endorse, TradeSamples.ImporterParty, Now, "tx2"))
            .Should().Contain("straight bill");
        Refusal.Expect(422, () => BillOfLadingRules.Transfer(straight, TradeSamples.ExporterParty, EndorsementAction.Transfer, Bank, Now, "tx2"));
        BillOfLadingRules.Transfer(straight, TradeSamples.ExporterParty, EndorsementAction.Transfer, TradeSamples.ImporterParty, Now, "tx2")
            .Record.Holder.Should().Be(TradeSamples.ImporterParty);
    }

    [Fact]
    public void Transfer_SeaWaybill_Is422()
    {
        Refusal.Expect(422, () => BillOfLadingRules.Transfer(Issue(toOrder: false, type: TransportDocumentType.SWB), TradeSamples.ExporterParty, EndorsementAction.Transfer, TradeSamples.ImporterParty, Now, "tx2"))
            .Should().Contain("sea waybill");
    }

    [Fact]
    public void Transfer_OrderBillWithoutEndorsement_Is422()
    {
        Refusal.Expect(422, () => BillOfLadingRules.Transfer(Issue(), TradeSamples.ExporterParty, EndorsementAction.Transfer, Bank, Now, "tx2"));
    }

    [Fact]
    public void Transfer_WhileHeldUnderPresentation_Is409()
    {
        var held = BillOfLadingRules.HoldForPresentation(Issue(), TradeSamples.ExporterParty, new PresentationReference("LC-1", "P-1"), Now);

        Refusal.Expect(409, () => BillOfLadingRules.Transfer(held, TradeSamples.ExporterParty, EndorsementAction.Endorse, Bank, Now, "tx2"));
    }

    [Fact]
    public void Surrender_AcceptedForDelivery_CarrierHoldsIt()
    {
        var pending = BillOfLadingRules.RequestSurrender(Issue(), TradeSamples.ExporterParty, forAmendment: false, Now, "tx2");
        var accepted = BillOfLadingRules.AcceptSurrender(pending.Record, Now, "tx3");

        pending.Record.Status.Should().Be(BillOfLadingStatus.PendingSurrenderForDelivery);
        accepted.Record.Status.Should().Be(BillOfLadingStatus.SurrenderedForDelivery);
        accepted.Record.Holder.Should().Be(Carrier);
        Refusal.Expect(409, () => BillOfLadingRules.AcceptSurrender(accepted.Record, Now, "tx4"));
    }

    [Fact]
    public void Surrender_Rejected_ReturnsToIssuedWithTheSameHolder()
    {
        var pending = BillOfLadingRules.RequestSurrender(Issue(), TradeSamples.ExporterParty, forAmendment: true, Now, "tx2");
        var rejected = BillOfLadingRules.RejectSurrender(pending.Record, Now, "tx3");

        pending.Record.Status.Should().Be(BillOfLadingStatus.PendingSurrenderForAmendment);
        rejected.Record.Status.Should().Be(BillOfLadingStatus.Issued);
        rejected.Record.Holder.Should().Be(TradeSamples.ExporterParty);
        rejected.Entry.Action.Should().Be(EndorsementAction.SurrenderRejected);
    }

    [Fact]
    public void Surrender_ByNonHolder_Is403()
    {
        Refusal.Expect(403, () => BillOfLadingRules.RequestSurrender(Issue(), TradeSamples.ImporterParty, forAmendment: false, Now, "tx2"));
    }

    [Fact]
    public void Void_SurrenderedForAmendment_IsVoid_ButTransferredBill_Is409()
    {
        var pending = BillOfLadingRules.RequestSurrender(Issue(), TradeSamples.ExporterParty, forAmendment: true, Now, "tx2");
        var surrendered = BillOfLadingRules.AcceptSurrender(pending.Record, Now, "tx3");
        BillOfLadingRules.Void(surrendered.Record, Now, "tx4").Record.Status.Should().Be(BillOfLadingStatus.Void);

        var endorsed = BillOfLadingRules.Transfer(Issue(), TradeSamples.ExporterParty, EndorsementAction.Endorse, Bank, Now, "tx2");
        Refusal.Expect(409, () => BillOfLadingRules.Void(endorsed.Record, Now, "tx3"));
    }

    [Fact]
    public void PassTitle_OnHonourThenReimbursement_BankThenApplicantHoldIt()
    {
        var reference = new PresentationReference("LC-1", "P-1");
        var held = BillOfLadingRules.HoldForPresentation(Issue(), TradeSamples.ExporterParty, reference, Now);

        var toBank = BillOfLadingRules.PassTitle(held, reference, Bank, EndorsementAction.TransferOnHonour, release: false, Now, "tx2");
        var toApplicant = BillOfLadingRules.PassTitle(toBank.Record, reference, TradeSamples.ImporterParty, EndorsementAction.TransferOnReimbursement, release: true, Now, "tx3");

        toBank.Record.Holder.Should().Be(Bank);
        toBank.Entry.Actor.Should().Be(TradeSamples.ExporterParty);
        toApplicant.Record.Holder.Should().Be(TradeSamples.ImporterParty);
        toApplicant.Record.PresentedUnder.Should().BeNull();
        Refusal.Expect(409, () => BillOfLadingRules.PassTitle(toApplicant.Record, reference, Bank, EndorsementAction.TransferOnHonour, false, Now, "tx4"));
    }
}
