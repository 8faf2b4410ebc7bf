using FluentAssertions;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Contracts.PharmaNetwork;

namespace PharmaSettlement.Tests.Contracts;

public class RecallsContractTests
{
    private static async Task<PharmaNetwork> WithLotsAsync()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        await network.RegisterProductAsync();
        await network.CommissionAsync("LOT1", "SN1", "SN2");
        await network.CommissionAsync("LOT2", "SN3");
        return network;
    }

    [Fact]
    public async Task RecallLot_AffectsOnlyThatLotAndEmitsEvent()
    {
        var network = await WithLotsAsync();

        var recall = await network.CallAsync<LotRecall>(Manufacturer, StaffRole.Quality, "Recalls:RecallLot", [Gtin, "LOT1", "I"]);

        recall.UnitsAffected.Should().Be(2);
        var (name, payload) = network.LastEvent();
        name.Should().Be("LotRecalled");
        payload.GetProperty("unitsAffected").GetInt32().Should().Be(2);
        (await network.CallAsync<PharmaSettlement.Contracts.UnitVerification>(Wholesaler, StaffRole.Shipping, "Units:Verify", [Gtin, "SN1"])).Status.Should().Be(Disposition.Recalled);
        (await network.CallAsync<PharmaSettlement.Contracts.UnitVerification>(Wholesaler, StaffRole.Shipping, "Units:Verify", [Gtin, "SN3"])).Status.Should().Be(Disposition.Active);
        (await network.CallAsync<LotRecall>(Pharmacy, StaffRole.Shipping, "Recalls:Get", [Gtin, "LOT1"])).RecallClass.Should().Be("I");
    }

    [Fact]
    public async Task RecallLot_ByWholesaler_Forbidden403()
    {
        var network = await WithLotsAsync();
        (await network.InvokeAsync(Wholesaler, StaffRole.Quality, "Recalls:RecallLot", [Gtin, "LOT1", "I"])).Status.Should().Be(403);
    }

    [Fact]
    public async Task RecallLot_Twice_Conflict409()
    {
        var network = await WithLotsAsync();
        await network.CallAsync(Manufacturer, StaffRole.Quality, "Recalls:RecallLot", [Gtin, "LOT1", "I"]);
        (await network.InvokeAsync(Manufacturer, StaffRole.Quality, "Recalls:RecallLot", [Gtin, "LOT1", "II"])).Status.Should().Be(409);
    }

    [Fact]
    public async Task RecallLot_UnknownClass_BadRequest400()
    {
        var network = await WithLotsAsync();
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Quality, "Recalls:RecallLot", [Gtin, "LOT1", "IV"]);
        response.Status.Should().Be(400);
        response.Message.Should().StartWith("recallClass");
    }

    [Fact]
    public async Task Get_NotRecalled_NotFound404()
    {
        var network = await WithLotsAsync();
        (await network.InvokeAsync(Manufacturer, null, "Recalls:Get", [Gtin, "LOT2"])).Status.Should().Be(404);
    }
}
