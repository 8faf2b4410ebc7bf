using FluentAssertions;
using Fabric.Chaincode;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Domain.Samples;

namespace PharmaSettlement.Tests.Domain;

public class ShipmentRulesTests
{
    private static readonly ShipmentRequest Request = new("SH1", Wholesaler, false, null, null);

    [Fact]
    public void Ship_LooseUnitsAndCase_UnitsInTransitOwnerUnchangedLinesSummarized()
    {
        var loose = new[] { Unit("S1"), Unit("S2", lot: "LOT2") };
        var packed = new[] { Unit("S3", caseId: CaseId), Unit("S4", caseId: CaseId) };
        var shippingCase = new ShippingCase(CaseId, Manufacturer, Disposition.Active, packed.Select(u => u.Ref).ToArray(), null, Now, Now);

        var result = ShipmentRules.Ship(Request, Manufacturer, loose, [(shippingCase, packed)], NoRecalls, Now);

        result.Units.Should().HaveCount(4).And.OnlyContain(u => u.Status == Disposition.InTransit && u.Owner == Manufacturer && u.ShipmentId == "SH1");
        result.Cases.Should().ContainSingle().Which.Status.Should().Be(Disposition.InTransit);
        result.Shipment.Lines.Should().BeEquivalentTo(new[]
        {
            new ShipmentLine(Gtin, "LOT1", new DateOnly(2028, 1, 31), 3),
            new ShipmentLine(Gtin, "LOT2", new DateOnly(2028, 1, 31), 1),
        });
        result.Shipment.Status.Should().Be(ShipmentStatus.InTransit);
    }

    [Fact]
    public void Ship_RecalledLot_Refused422NamingTheUnit()
    {
        var act = () => ShipmentRules.Ship(Request, Manufacturer, [Unit("S1")], [], new HashSet<(string, string)> { (Gtin, "LOT1") }, Now);
        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 422 && e.Message.Contains("S1", StringComparison.Ordinal) && e.Message.Contains("recalled", StringComparison.Ordinal));
    }

    [Fact]
    public void Ship_UnitNotOwned_Refused422()
    {
        var act = () => ShipmentRules.Ship(Request, Manufacturer, [Unit("S1", owner: Pharmacy)], [], NoRecalls, Now);
        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 422 && e.Message.Contains("not owned by the sender", StringComparison.Ordinal));
    }

    [Fact]
    public void Ship_ToItself_Throws400() =>
        FluentActions.Invoking(() => ShipmentRules.Ship(Request with { To = Manufacturer }, Manufacturer, [Unit("S1")], [], NoRecalls, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 400);

    [Fact]
    public void Ship_Nothing_Throws400() =>
        FluentActions.Invoking(() => ShipmentRules.Ship(Request, Manufacturer, [], [], NoRecalls, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 400);

    [Fact]
    public void Ship_CaseInTransit_Throws409()
    {
        var shippingCase = new ShippingCase(CaseId, Manufacturer, Disposition.InTransit, [], "SH0", Now, Now);
        FluentActions.Invoking(() => ShipmentRules.Ship(Request, Manufacturer, [], [(shippingCase, [])], NoRecalls, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
    }

    [Fact]
    public void Receive_AllInTransit_OwnerChangesOnlyNow()
    {
        var shipped = ShipmentRules.Ship(Request, Manufacturer, [Unit("S1"), Unit("S2")], [], NoRecalls, Now);

        var receipt = ShipmentRules.Receive(shipped.Shipment, shipped.Units.ToDictionary(u => u.Ref), [], NoRecalls, Now.AddDays(1));

        receipt.Shipment.Status.Should().Be(ShipmentStatus.Received);
        receipt.Units.Should().OnlyContain(u => u.Owner == Wholesaler && u.Status == Disposition.Active && u.ShipmentId == null);
        receipt.Shipment.AcceptedUnits.Should().HaveCount(2);
    }

    [Fact]
    public void Receive_RecalledInTransit_RefusedWithReasonAndStaysWithSender()
    {
        var shipped = ShipmentRules.Ship(Request, Manufacturer, [Unit("S1"), Unit("S2", lot: "LOT2")], [], NoRecalls, Now);
        var units = shipped.Units.ToDictionary(u => u.Ref);
        units[new UnitRef(Gtin, "S2")] = UnitLifecycle.Recall(units[new UnitRef(Gtin, "S2")], Now);

        var receipt = ShipmentRules.Receive(shipped.Shipment, units, [], new HashSet<(string, string)> { (Gtin, "LOT2") }, Now.AddDays(1));

        receipt.Shipment.Status.Should().Be(ShipmentStatus.PartiallyReceived);
        receipt.Shipment.RefusedUnits.Should().ContainSingle().Which.Should().Be(new UnitRefusal(Gtin, "S2", UnitRefusalReason.Recalled));
        var s2 = receipt.Units.Single(u => u.Serial == "S2");
        s2.Should().Match<SerializedUnit>(u => u.Owner == Manufacturer && u.Status == Disposition.Recalled && u.ShipmentId == null);
    }

    [Fact]
    public void Receive_DispensedOrNotOwnedBySender_RefusedWithTheirReasons()
    {
        var shipped = ShipmentRules.Ship(Request, Manufacturer, [Unit("S1"), Unit("S2")], [], NoRecalls, Now);
        var units = shipped.Units.ToDictionary(u => u.Ref);
        units[new UnitRef(Gtin, "S1")] = units[new UnitRef(Gtin, "S1")] with { Status = Disposition.Dispensed };
        units[new UnitRef(Gtin, "S2")] = units[new UnitRef(Gtin, "S2")] with { Owner = Pharmacy };

        var receipt = ShipmentRules.Receive(shipped.Shipment, units, [], NoRecalls, Now);

        receipt.Shipment.Status.Should().Be(ShipmentStatus.Refused);
        receipt.Shipment.RefusedUnits.Select(r => r.Reason).Should().Equal(UnitRefusalReason.Dispensed, UnitRefusalReason.NotOwnedBySender);
    }

    [Fact]
    public void Receive_OneUnitOfCaseRecalled_WholeCaseRefused()
    {
        var packed = new[] { Unit("S3", caseId: CaseId), Unit("S4", caseId: CaseId, lot: "LOT2") };
        var shippingCase = new ShippingCase(CaseId, Manufacturer, Disposition.Active, packed.Select(u => u.Ref).ToArray(), null, Now, Now);
        var shipped = ShipmentRules.Ship(Request, Manufacturer, [Unit("S1")], [(shippingCase, packed)], NoRecalls, Now);

        var receipt = ShipmentRules.Receive(shipped.Shipment, shipped.Units.ToDictionary(u => u.Ref), shipped.Cases,
            new HashSet<(string, string)> { (Gtin, "LOT2") }, Now);

        receipt.Shipment.AcceptedUnits.Should().Equal(new UnitRef(Gtin, "S1"));
        receipt.Shipment.RefusedUnits.Should().BeEquivalentTo(new[]
        {
            new UnitRefusal(Gtin, "S3", UnitRefusalReason.CaseRefused),
            new UnitRefusal(Gtin, "S4", UnitRefusalReason.Recalled),
        });
        receipt.Cases.Single().Should().Match<ShippingCase>(c => c.Owner == Manufacturer && c.Status == Disposition.Active);
        receipt.Units.Single(u => u.Serial == "S3").Should().Match<SerializedUnit>(u => u.Owner == Manufacturer && u.Status == Disposition.Active);
    }

    [Fact]
    public void Receive_Twice_Throws409()
    {
        var shipped = ShipmentRules.Ship(Request, Manufacturer, [Unit("S1")], [], NoRecalls, Now);
        var receipt = ShipmentRules.Receive(shipped.Shipment, shipped.Units.ToDictionary(u => u.Ref), [], NoRecalls, Now);
        FluentActions.Invoking(() => ShipmentRules.Receive(receipt.Shipment, receipt.Units.ToDictionary(u => u.Ref), [], NoRecalls, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
    }
}
