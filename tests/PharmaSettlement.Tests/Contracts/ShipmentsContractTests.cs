using FluentAssertions;
using PharmaSettlement.Contracts;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;
using static PharmaSettlement.Tests.Contracts.PharmaNetwork;

namespace PharmaSettlement.Tests.Contracts;

public class ShipmentsContractTests
{
    private const string CaseId = "000614141000000014";

    private static async Task<PharmaNetwork> WithUnitsAsync(params string[] serials)
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        await network.RegisterProductAsync();
        await network.CommissionAsync("LOT1", serials);
        return network;
    }

    private static Task<UnitVerification> VerifyAsync(PharmaNetwork network, string serial) =>
        network.CallAsync<UnitVerification>(Pharmacy, StaffRole.Pharmacist, "Units:Verify", [Gtin, serial]);

    [Fact]
    public async Task ShipThenReceive_OwnerChangesOnlyAtReceipt()
    {
        var network = await WithUnitsAsync("SN1", "SN2");

        var shipment = await network.ShipAsync(Manufacturer, "SH-1", Wholesaler, ["SN1", "SN2"]);
        shipment.Lines.Should().ContainSingle().Which.Should().Be(new ShipmentLine(Gtin, "LOT1", new DateOnly(2028, 1, 31), 2));
        (await VerifyAsync(network, "SN1")).Should().Match<UnitVerification>(v => v.Owner == Manufacturer && v.Status == Disposition.InTransit);
        network.LastEvent().Name.Should().Be("ShipmentShipped");

        network.Time.Now = network.Time.Now.AddDays(1);
        var received = await network.ReceiveAsync(Wholesaler, "SH-1");

        received.Status.Should().Be(ShipmentStatus.Received);
        (await VerifyAsync(network, "SN1")).Should().Match<UnitVerification>(v => v.Owner == Wholesaler && v.Status == Disposition.Active);
        var (name, payload) = network.LastEvent();
        name.Should().Be("ShipmentReceived");
        payload.GetProperty("acceptedCount").GetInt32().Should().Be(2);
        network.State(Keys.ReceivedQuantity(Wholesaler, Manufacturer, Gtin)).Should().Be("2");
    }

    [Fact]
    public async Task Receive_ByAnotherOrganization_Forbidden403()
    {
        var network = await WithUnitsAsync("SN1");
        await network.ShipAsync(Manufacturer, "SH-1", Wholesaler, ["SN1"]);
        (await network.InvokeAsync(Pharmacy, StaffRole.Shipping, "Shipments:Receive", ["SH-1"])).Status.Should().Be(403);
    }

    [Fact]
    public async Task Receive_Twice_Conflict409()
    {
        var network = await WithUnitsAsync("SN1");
        await network.ShipAsync(Manufacturer, "SH-1", Wholesaler, ["SN1"]);
        await network.ReceiveAsync(Wholesaler, "SH-1");
        (await network.InvokeAsync(Wholesaler, StaffRole.Shipping, "Shipments:Receive", ["SH-1"])).Status.Should().Be(409);
    }

    [Fact]
    public async Task Receive_UnknownShipment_NotFound404()
    {
        var network = await WithUnitsAsync("SN1");
        (await network.InvokeAsync(Wholesaler, StaffRole.Shipping, "Shipments:Receive", ["SH-9"])).Status.Should().Be(404);
    }

    [Fact]
    public async Task Receive_LotRecalledInTransit_UnitRefusedWithReasonAndKeptBySender()
    {
        var network = await WithUnitsAsync("SN1", "SN2");
        await network.ShipAsync(Manufacturer, "SH-1", Wholesaler, ["SN1", "SN2"]);
        await network.CallAsync(Manufacturer, StaffRole.Quality, "Recalls:RecallLot", [Gtin, "LOT1", "I"]);

        var receipt = await network.ReceiveAsync(Wholesaler, "SH-1");

        receipt.Status.Should().Be(ShipmentStatus.Refused);
        receipt.RefusedUnits.Should().OnlyContain(r => r.Reason == UnitRefusalReason.Recalled);
        (await VerifyAsync(network, "SN1")).Should().Match<UnitVerification>(v => v.Owner == Manufacturer && v.Status == Disposition.Recalled);
        network.LastEvent().Payload.GetProperty("refused")[0].GetProperty("reason").GetString().Should().Be("recalled");
        network.State(Keys.ReceivedQuantity(Wholesaler, Manufacturer, Gtin)).Should().BeNull();
    }

    [Fact]
    public async Task Ship_RecalledLot_Refused422()
    {
        var network = await WithUnitsAsync("SN1");
        await network.CallAsync(Manufacturer, StaffRole.Quality, "Recalls:RecallLot", [Gtin, "LOT1", "I"]);
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Shipping, "Shipments:Ship", [new ShipmentRequest("SH-1", Wholesaler, false, [new UnitRef(Gtin, "SN1")], null)]);
        response.Status.Should().Be(422);
        response.Message.Should().Contain("recalled");
    }

    [Fact]
    public async Task Ship_UnitsNotOwned_Refused422()
    {
        var network = await WithUnitsAsync("SN1");
        var response = await network.InvokeAsync(Wholesaler, StaffRole.Shipping, "Shipments:Ship", [new ShipmentRequest("SH-1", Pharmacy, false, [new UnitRef(Gtin, "SN1")], null)]);
        response.Status.Should().Be(422);
        response.Message.Should().Contain("not owned by the sender");
    }

    [Fact]
    public async Task Ship_InTransitUnitAgain_Refused422()
    {
        var network = await WithUnitsAsync("SN1");
        await network.ShipAsync(Manufacturer, "SH-1", Wholesaler, ["SN1"]);
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Shipping, "Shipments:Ship", [new ShipmentRequest("SH-2", Pharmacy, false, [new UnitRef(Gtin, "SN1")], null)]);
        response.Status.Should().Be(422);
        response.Message.Should().Contain("in transit");
    }

    [Fact]
    public async Task Ship_ToOrganizationOutsideConfiguration_BadRequest400()
    {
        var network = await WithUnitsAsync("SN1");
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Shipping, "Shipments:Ship", [new ShipmentRequest("SH-1", Outsider, false, [new UnitRef(Gtin, "SN1")], null)]);
        response.Status.Should().Be(400);
        response.Message.Should().StartWith("shipment.to");
    }

    [Fact]
    public async Task Ship_DuplicateShipmentId_Conflict409()
    {
        var network = await WithUnitsAsync("SN1", "SN2");
        await network.ShipAsync(Manufacturer, "SH-1", Wholesaler, ["SN1"]);
        (await network.InvokeAsync(Manufacturer, StaffRole.Shipping, "Shipments:Ship", [new ShipmentRequest("SH-1", Wholesaler, false, [new UnitRef(Gtin, "SN2")], null)]))
            .Status.Should().Be(409);
    }

    [Fact]
    public async Task Ship_UnknownUnit_NotFound404()
    {
        var network = await WithUnitsAsync("SN1");
        (await network.InvokeAsync(Manufacturer, StaffRole.Shipping, "Shipments:Ship", [new ShipmentRequest("SH-1", Wholesaler, false, [new UnitRef(Gtin, "SN9")], null)]))
            .Status.Should().Be(404);
    }

    [Fact]
    public async Task Ship_WithoutShippingRole_Forbidden403()
    {
        var network = await WithUnitsAsync("SN1");
        (await network.InvokeAsync(Manufacturer, StaffRole.Finance, "Shipments:Ship", [new ShipmentRequest("SH-1", Wholesaler, false, [new UnitRef(Gtin, "SN1")], null)]))
            .Status.Should().Be(403);
    }

    [Fact]
    public async Task ShipCase_ReceivedWhole_CaseAndUnitsChangeOwner()
    {
        var network = await WithUnitsAsync("SN1", "SN2");
        await network.CallAsync(Manufacturer, StaffRole.Shipping, "Units:Pack", [CaseId, new[] { new UnitRef(Gtin, "SN1"), new UnitRef(Gtin, "SN2") }]);

        await network.ShipAsync(Manufacturer, "SH-1", Wholesaler, [], [CaseId]);
        var receipt = await network.ReceiveAsync(Wholesaler, "SH-1");

        receipt.AcceptedUnits.Should().HaveCount(2);
        var shippingCase = await network.CallAsync<ShippingCase>(Wholesaler, StaffRole.Shipping, "Units:GetCase", [CaseId]);
        shippingCase.Should().Match<ShippingCase>(c => c.Owner == Wholesaler && c.Status == Disposition.Active);
        (await VerifyAsync(network, "SN2")).Owner.Should().Be(Wholesaler);
    }

    [Fact]
    public async Task Ship_PackedUnitLoose_Refused422()
    {
        var network = await WithUnitsAsync("SN1");
        await network.CallAsync(Manufacturer, StaffRole.Shipping, "Units:Pack", [CaseId, new[] { new UnitRef(Gtin, "SN1") }]);
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Shipping, "Shipments:Ship", [new ShipmentRequest("SH-1", Wholesaler, false, [new UnitRef(Gtin, "SN1")], null)]);
        response.Status.Should().Be(422);
        response.Message.Should().Contain("packed in a case");
    }
}
