using FluentAssertions;
using Fabric.Chaincode;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Domain.Samples;

namespace PharmaSettlement.Tests.Domain;

public class SettlementRulesTests
{
    private static readonly Settlement Proposed = new("ST-1", Manufacturer, Wholesaler, "USD", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31),
        ["INV-1"], [new ClaimLineRef("CB-1", 1)], SettlementStatus.Proposed, Wholesaler, Now, null, null, null, "hash");

    [Fact]
    public void Net_InvoicesExceedCredits_WholesalerPaysTheDifference()
    {
        var totals = SettlementRules.Net("ST-1", "USD", Manufacturer, Wholesaler, [100_000, 50_000], [25_000]);
        totals.Should().Be(new SettlementTotals("ST-1", "USD", 150_000, 25_000, 125_000, Wholesaler, Manufacturer));
    }

    [Fact]
    public void Net_CreditsExceedInvoices_ManufacturerPays()
    {
        var totals = SettlementRules.Net("ST-1", "USD", Manufacturer, Wholesaler, [10_000], [25_000, 5_000]);
        totals.Should().Match<SettlementTotals>(t => t.NetAmount == 20_000 && t.Payer == Manufacturer && t.Payee == Wholesaler);
    }

    [Fact]
    public void Net_Equal_NobodyPays() =>
        SettlementRules.Net("ST-1", "USD", Manufacturer, Wholesaler, [10_000], [10_000]).Should().Match<SettlementTotals>(t => t.NetAmount == 0 && t.Payer == null);

    [Fact]
    public void Net_Overflow_Throws400() =>
        FluentActions.Invoking(() => SettlementRules.Net("ST-1", "USD", Manufacturer, Wholesaler, [long.MaxValue, 1], []))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 400);

    [Fact]
    public void InPeriod_BoundsInclusive()
    {
        SettlementRules.InPeriod(new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)).Should().BeTrue();
        SettlementRules.InPeriod(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)).Should().BeFalse();
    }

    [Fact]
    public void Approve_BothParties_Approved()
    {
        var once = SettlementRules.Approve(Proposed, Wholesaler, Now);
        once.Status.Should().Be(SettlementStatus.Proposed);
        var twice = SettlementRules.Approve(once, Manufacturer, Now);
        twice.Status.Should().Be(SettlementStatus.Approved);
    }

    [Fact]
    public void Approve_SamePartyTwice_Throws409() =>
        FluentActions.Invoking(() => SettlementRules.Approve(SettlementRules.Approve(Proposed, Wholesaler, Now), Wholesaler, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 409);

    [Fact]
    public void Approve_Outsider_Throws403() =>
        FluentActions.Invoking(() => SettlementRules.Approve(Proposed, Pharmacy, Now)).Should().Throw<ChaincodeException>().Where(e => e.Status == 403);

    [Fact]
    public void MarkPaid_ByPayeeOnceApproved_Paid()
    {
        var approved = Proposed with { Status = SettlementStatus.Approved };
        var totals = new SettlementTotals("ST-1", "USD", 10, 0, 10, Wholesaler, Manufacturer);
        SettlementRules.MarkPaid(approved, totals, Manufacturer, Now).Status.Should().Be(SettlementStatus.Paid);
        FluentActions.Invoking(() => SettlementRules.MarkPaid(approved, totals, Wholesaler, Now)).Should().Throw<ChaincodeException>().Where(e => e.Status == 403);
    }

    [Fact]
    public void MarkPaid_NotApproved_Throws409() =>
        FluentActions.Invoking(() => SettlementRules.MarkPaid(Proposed, new SettlementTotals("ST-1", "USD", 0, 0, 0, null, null), Wholesaler, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 409);

    [Fact]
    public void Invoicing_ReceivedShipment_WacTimesAcceptedUnits()
    {
        var shipment = new Shipment("SH1", Manufacturer, Wholesaler, false, [], [new UnitRef(Gtin, "S1"), new UnitRef(Gtin, "S2")], [],
            ShipmentStatus.PartiallyReceived, Now, Now, [new UnitRef(Gtin, "S1")], [new UnitRefusal(Gtin, "S2", UnitRefusalReason.Recalled)]);
        var (invoice, amounts) = Invoicing.Issue("INV-1", shipment, "USD",
            new Dictionary<string, WacPrice> { [Gtin] = new(Gtin, "USD", 10_000, new DateOnly(2026, 1, 1)) }, Now);
        amounts.Total.Should().Be(10_000);
        invoice.Should().Match<Invoice>(i => i.Seller == Manufacturer && i.Buyer == Wholesaler && i.Status == ItemStatus.Open);
    }

    [Fact]
    public void Invoicing_InTransitOrNoWac_Refused()
    {
        var shipment = new Shipment("SH1", Manufacturer, Wholesaler, false, [], [new UnitRef(Gtin, "S1")], [], ShipmentStatus.InTransit, Now, null, [], []);
        FluentActions.Invoking(() => Invoicing.Issue("INV-1", shipment, "USD", new Dictionary<string, WacPrice>(), Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
        var received = shipment with { Status = ShipmentStatus.Received, AcceptedUnits = [new UnitRef(Gtin, "S1")] };
        FluentActions.Invoking(() => Invoicing.Issue("INV-1", received, "USD", new Dictionary<string, WacPrice>(), Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 422);
    }
}
