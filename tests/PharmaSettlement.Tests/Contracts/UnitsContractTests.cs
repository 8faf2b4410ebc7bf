using FluentAssertions;
using PharmaSettlement.Contracts;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Contracts.PharmaNetwork;

namespace PharmaSettlement.Tests.Contracts;

public class UnitsContractTests
{
    private const string CaseId = "000614141000000014";

    private static async Task<PharmaNetwork> WithProductAsync()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        await network.RegisterProductAsync();
        return network;
    }

    private static Task<UnitVerification> VerifyAsync(PharmaNetwork network, string serial) =>
        network.CallAsync<UnitVerification>(Wholesaler, StaffRole.Shipping, "Units:Verify", [Gtin, serial]);

    [Fact]
    public async Task Commission_Batch_UnitsActiveAtManufacturerWithEpcisEvent()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1", "SN2");

        var verification = await VerifyAsync(network, "SN2");
        verification.Should().Match<UnitVerification>(v => v.Exists && v.Status == Disposition.Active && v.Owner == Manufacturer && v.Lot == "LOT1" && !v.Recalled);
        var (name, payload) = network.LastEvent();
        name.Should().Be("UnitsCommissioned");
        payload.GetProperty("bizStep").GetString().Should().Be("commissioning");
        payload.GetProperty("disposition").GetString().Should().Be("active");
    }

    [Fact]
    public async Task Commission_Twice_Conflict409()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        (await network.InvokeAsync(Manufacturer, StaffRole.Serialization, "Units:Commission", [Gtin, "LOT1", new DateOnly(2028, 1, 31), new[] { "SN1" }]))
            .Status.Should().Be(409);
    }

    [Fact]
    public async Task Commission_UnregisteredProduct_NotFound404()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        (await network.InvokeAsync(Manufacturer, StaffRole.Serialization, "Units:Commission", [Gtin, "LOT1", new DateOnly(2028, 1, 31), new[] { "SN1" }]))
            .Status.Should().Be(404);
    }

    [Theory]
    [InlineData("LOT 1", "SN1", "2028-01-31", "lot")]
    [InlineData("LOT1", "SN#1", "2028-01-31", "serials[0]")]
    [InlineData("LOT1", "SN1", "2026-03-15", "expiry")]
    public async Task Commission_BadInput_BadRequest400NamingField(string lot, string serial, string expiry, string field)
    {
        var network = await WithProductAsync();
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Serialization, "Units:Commission", [Gtin, lot, DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture), new[] { serial }]);
        response.Status.Should().Be(400);
        response.Message.Should().StartWith(field);
    }

    [Fact]
    public async Task Commission_RecalledLot_Refused422()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        await network.CallAsync(Manufacturer, StaffRole.Quality, "Recalls:RecallLot", [Gtin, "LOT1", "I"]);
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Serialization, "Units:Commission", [Gtin, "LOT1", new DateOnly(2028, 1, 31), new[] { "SN2" }]);
        response.Status.Should().Be(422);
    }

    [Fact]
    public async Task Verify_UnknownUnit_ExistsFalseNotAnError()
    {
        var network = await WithProductAsync();
        (await VerifyAsync(network, "NOPE")).Exists.Should().BeFalse();
    }

    [Fact]
    public async Task PackThenUnpack_UnitsFollowTheCase()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1", "SN2");

        var packed = await network.CallAsync<ShippingCase>(Manufacturer, StaffRole.Shipping, "Units:Pack", [CaseId, new[] { new UnitRef(Gtin, "SN1"), new UnitRef(Gtin, "SN2") }]);
        packed.Units.Should().HaveCount(2);
        (await VerifyAsync(network, "SN1")).CaseId.Should().Be(CaseId);

        await network.CallAsync(Manufacturer, StaffRole.Shipping, "Units:Unpack", [CaseId]);
        (await VerifyAsync(network, "SN1")).CaseId.Should().BeNull();
        (await network.InvokeAsync(Manufacturer, StaffRole.Shipping, "Units:GetCase", [CaseId])).Status.Should().Be(404);
    }

    [Fact]
    public async Task Pack_UnitAlreadyInCase_Refused422AndCaseIdTaken409()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1", "SN2");
        await network.CallAsync(Manufacturer, StaffRole.Shipping, "Units:Pack", [CaseId, new[] { new UnitRef(Gtin, "SN1") }]);

        (await network.InvokeAsync(Manufacturer, StaffRole.Shipping, "Units:Pack", ["000614141000000021", new[] { new UnitRef(Gtin, "SN1") }]))
            .Status.Should().Be(422);
        (await network.InvokeAsync(Manufacturer, StaffRole.Shipping, "Units:Pack", [CaseId, new[] { new UnitRef(Gtin, "SN2") }]))
            .Status.Should().Be(409);
    }

    [Fact]
    public async Task Pack_UnitsOfAnotherOrganization_Refused422()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        var response = await network.InvokeAsync(Wholesaler, StaffRole.Shipping, "Units:Pack", [CaseId, new[] { new UnitRef(Gtin, "SN1") }]);
        response.Status.Should().Be(422);
        response.Message.Should().Contain("not owned by the sender");
    }

    [Fact]
    public async Task Unpack_ByNonOwner_Forbidden403()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        await network.CallAsync(Manufacturer, StaffRole.Shipping, "Units:Pack", [CaseId, new[] { new UnitRef(Gtin, "SN1") }]);
        (await network.InvokeAsync(Wholesaler, StaffRole.Shipping, "Units:Unpack", [CaseId])).Status.Should().Be(403);
    }

    [Fact]
    public async Task Dispense_AtPharmacyAfterReceipt_DispensedAndFinal()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        await network.ShipAsync(Manufacturer, "SH-1", Pharmacy, ["SN1"]);
        await network.ReceiveAsync(Pharmacy, "SH-1");

        var dispensed = await network.CallAsync<SerializedUnit>(Pharmacy, StaffRole.Pharmacist, "Units:Dispense", [Gtin, "SN1"]);

        dispensed.Status.Should().Be(Disposition.Dispensed);
        network.LastEvent().Payload.GetProperty("disposition").GetString().Should().Be("dispensed");
        var again = await network.InvokeAsync(Pharmacy, StaffRole.Pharmacist, "Units:Dispense", [Gtin, "SN1"]);
        again.Status.Should().Be(422);
        again.Message.Should().Contain("already dispensed");
    }

    [Fact]
    public async Task Dispense_UnitNotOwnedByPharmacy_Refused422()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        (await network.InvokeAsync(Pharmacy, StaffRole.Pharmacist, "Units:Dispense", [Gtin, "SN1"])).Status.Should().Be(422);
    }

    [Fact]
    public async Task Dispense_ByWholesalerOrWithoutPharmacistRole_Forbidden403()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        (await network.InvokeAsync(Wholesaler, StaffRole.Pharmacist, "Units:Dispense", [Gtin, "SN1"])).Status.Should().Be(403);
        (await network.InvokeAsync(Pharmacy, StaffRole.Shipping, "Units:Dispense", [Gtin, "SN1"])).Status.Should().Be(403);
    }

    [Fact]
    public async Task Dispense_UnknownUnit_NotFound404()
    {
        var network = await WithProductAsync();
        (await network.InvokeAsync(Pharmacy, StaffRole.Pharmacist, "Units:Dispense", [Gtin, "NOPE"])).Status.Should().Be(404);
    }

    [Fact]
    public async Task Decommission_RecalledUnit_Destroyed()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        await network.CallAsync(Manufacturer, StaffRole.Quality, "Recalls:RecallLot", [Gtin, "LOT1", "II"]);

        var destroyed = await network.CallAsync<SerializedUnit>(Manufacturer, StaffRole.Quality, "Units:Decommission", [Gtin, "SN1"]);

        destroyed.Status.Should().Be(Disposition.Destroyed);
        (await network.InvokeAsync(Manufacturer, StaffRole.Quality, "Units:Decommission", [Gtin, "SN1"])).Status.Should().Be(422);
    }

    [Fact]
    public async Task Reinstate_ReturnedUnit_ActiveAgainAndShippable()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        await network.ShipAsync(Manufacturer, "SH-1", Pharmacy, ["SN1"]);
        await network.ReceiveAsync(Pharmacy, "SH-1");
        await network.ShipAsync(Pharmacy, "RET-1", Wholesaler, ["SN1"], isReturn: true);
        await network.ReceiveAsync(Wholesaler, "RET-1");
        (await VerifyAsync(network, "SN1")).Status.Should().Be(Disposition.Returned);
        (await network.InvokeAsync(Wholesaler, StaffRole.Shipping, "Shipments:Ship", [new ShipmentRequest("SH-2", Pharmacy, false, [new UnitRef(Gtin, "SN1")], null)]))
            .Status.Should().Be(422);

        await network.CallAsync(Wholesaler, StaffRole.Quality, "Units:Reinstate", [Gtin, "SN1"]);

        (await VerifyAsync(network, "SN1")).Should().Match<UnitVerification>(v => v.Status == Disposition.Active && v.Owner == Wholesaler);
        await network.ShipAsync(Wholesaler, "SH-2", Pharmacy, ["SN1"]);
    }

    [Fact]
    public async Task Reinstate_ActiveUnit_Refused422()
    {
        var network = await WithProductAsync();
        await network.CommissionAsync("LOT1", "SN1");
        (await network.InvokeAsync(Manufacturer, StaffRole.Quality, "Units:Reinstate", [Gtin, "SN1"])).Status.Should().Be(422);
    }
}
