using FluentAssertions;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Domain.Samples;

namespace PharmaSettlement.Tests.Domain;

public class UnitLifecycleTests
{
    [Fact]
    public void RefuseShipping_ActiveUnitOfSender_Null() =>
        UnitLifecycle.RefuseShipping(Unit("S1"), Manufacturer, lotRecalled: false, Today).Should().BeNull();

    [Theory]
    [InlineData("InTransit", "InTransit")]
    [InlineData("Dispensed", "Dispensed")]
    [InlineData("Destroyed", "Destroyed")]
    [InlineData("Recalled", "Recalled")]
    [InlineData("Returned", "ReturnedNotVerified")]
    public void RefuseShipping_NotActive_ReasonFollowsDisposition(string status, string expected) =>
        UnitLifecycle.RefuseShipping(Unit("S1", status: Enum.Parse<Disposition>(status)), Manufacturer, false, Today)
            .Should().Be(Enum.Parse<UnitRefusalReason>(expected));

    [Fact]
    public void RefuseShipping_LotRecalled_Recalled() =>
        UnitLifecycle.RefuseShipping(Unit("S1"), Manufacturer, lotRecalled: true, Today).Should().Be(UnitRefusalReason.Recalled);

    [Fact]
    public void RefuseShipping_OtherOwner_NotOwnedBySender() =>
        UnitLifecycle.RefuseShipping(Unit("S1", owner: Wholesaler), Manufacturer, false, Today).Should().Be(UnitRefusalReason.NotOwnedBySender);

    [Fact]
    public void RefuseShipping_Expired_Expired() =>
        UnitLifecycle.RefuseShipping(Unit("S1", expiry: Today.AddDays(-1)), Manufacturer, false, Today).Should().Be(UnitRefusalReason.Expired);

    [Fact]
    public void RefuseShipping_PackedUnitShippedLoose_PackedInCase() =>
        UnitLifecycle.RefuseShipping(Unit("S1", caseId: CaseId), Manufacturer, false, Today).Should().Be(UnitRefusalReason.PackedInCase);

    [Fact]
    public void RefuseShipping_PackedUnitShippedInItsCase_Null() =>
        UnitLifecycle.RefuseShipping(Unit("S1", caseId: CaseId), Manufacturer, false, Today, viaCase: CaseId).Should().BeNull();

    [Fact]
    public void RefuseDispensing_ActiveAtPharmacy_NullAndDispenseIsFinal()
    {
        var unit = Unit("S1", owner: Pharmacy);
        UnitLifecycle.RefuseDispensing(unit, Pharmacy, false, Today).Should().BeNull();
        var dispensed = UnitLifecycle.Dispense(unit, Now);
        dispensed.Status.Should().Be(Disposition.Dispensed);
        UnitLifecycle.RefuseDispensing(dispensed, Pharmacy, false, Today).Should().Be(UnitRefusalReason.Dispensed);
        UnitLifecycle.RefuseDecommissioning(dispensed, Pharmacy).Should().Be(UnitRefusalReason.Dispensed);
    }

    [Fact]
    public void RefuseDispensing_RecalledLotOrOtherOwnerOrExpired_Refused()
    {
        UnitLifecycle.RefuseDispensing(Unit("S1", owner: Pharmacy), Pharmacy, true, Today).Should().Be(UnitRefusalReason.Recalled);
        UnitLifecycle.RefuseDispensing(Unit("S1", owner: Wholesaler), Pharmacy, false, Today).Should().Be(UnitRefusalReason.NotOwnedBySender);
        UnitLifecycle.RefuseDispensing(Unit("S1", owner: Pharmacy, expiry: Today.AddDays(-1)), Pharmacy, false, Today).Should().Be(UnitRefusalReason.Expired);
    }

    [Fact]
    public void RefuseDecommissioning_InTransit_InTransit() =>
        UnitLifecycle.RefuseDecommissioning(Unit("S1", status: Disposition.InTransit), Manufacturer).Should().Be(UnitRefusalReason.InTransit);

    [Fact]
    public void RefuseDecommissioning_RecalledUnit_Allowed() =>
        UnitLifecycle.RefuseDecommissioning(Unit("S1", status: Disposition.Recalled), Manufacturer).Should().BeNull();

    [Fact]
    public void RefuseReinstating_ReturnedUnit_NullAndBecomesActive()
    {
        var unit = Unit("S1", owner: Wholesaler, status: Disposition.Returned);
        UnitLifecycle.RefuseReinstating(unit, Wholesaler, false, Today).Should().BeNull();
        UnitLifecycle.Reinstate(unit, Now).Status.Should().Be(Disposition.Active);
    }

    [Fact]
    public void RefuseReinstating_ActiveOrRecalled_Refused()
    {
        UnitLifecycle.RefuseReinstating(Unit("S1", owner: Wholesaler), Wholesaler, false, Today).Should().Be(UnitRefusalReason.NotReturned);
        UnitLifecycle.RefuseReinstating(Unit("S1", owner: Wholesaler, status: Disposition.Returned), Wholesaler, true, Today)
            .Should().Be(UnitRefusalReason.Recalled);
    }

    [Theory]
    [InlineData("Active", true)]
    [InlineData("InTransit", true)]
    [InlineData("Returned", true)]
    [InlineData("Dispensed", false)]
    [InlineData("Destroyed", false)]
    [InlineData("Recalled", false)]
    public void IsAffectedByRecall_ByDisposition(string status, bool expected) =>
        UnitLifecycle.IsAffectedByRecall(Unit("S1", status: Enum.Parse<Disposition>(status))).Should().Be(expected);

    [Fact]
    public void Receive_ReturnShipment_UnitIsReturnedAtReceiver()
    {
        var received = UnitLifecycle.Receive(Unit("S1", owner: Pharmacy, status: Disposition.InTransit, shipmentId: "R1"), Wholesaler, isReturn: true, Now);
        received.Should().Match<SerializedUnit>(u => u.Owner == Wholesaler && u.Status == Disposition.Returned && u.ShipmentId == null);
    }

    [Fact]
    public void Disposition_Json_UsesCbvNames() =>
        System.Text.Json.JsonSerializer.Serialize(Disposition.InTransit, Fabric.Chaincode.ChaincodeJson.Options).Should().Be("\"in_transit\"");
}
