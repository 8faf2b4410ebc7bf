using Fabric.Chaincode.Endorsement;
using FluentAssertions;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;
using static PharmaSettlement.Tests.Contracts.PharmaNetwork;

namespace PharmaSettlement.Tests.Contracts;

public class ConfigurationContractTests
{
    private static readonly PharmaConfiguration Configuration = new([Manufacturer], [Wholesaler], [Pharmacy], PricingCollection);

    [Fact]
    public async Task Initialize_ByAdmin_StoresMappingWithKeyLevelPolicyOfEveryOrganization()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();

        var stored = await network.CallAsync<PharmaConfiguration>(Wholesaler, "anything", "Configuration:Get", []);
        stored.Manufacturers.Should().Equal(Manufacturer);
        var policy = await network.Stub.GetStateValidationParameterAsync(Keys.Configuration);
        new KeyEndorsementPolicy(policy).Organizations.Should().Equal(Manufacturer, Pharmacy, Wholesaler);
        network.LastEvent().Name.Should().Be("ConfigurationChanged");
    }

    [Fact]
    public async Task Initialize_Twice_Conflict409()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        var response = await network.InvokeAsync(Wholesaler, StaffRole.Admin, "Configuration:Initialize", [Configuration]);
        response.Status.Should().Be(409);
    }

    [Theory]
    [InlineData("serialization")]
    [InlineData(null)]
    public async Task Initialize_WithoutAdminRole_Forbidden403(string? role)
    {
        var network = new PharmaNetwork();
        var response = await network.InvokeAsync(Manufacturer, role, "Configuration:Initialize", [Configuration]);
        response.Status.Should().Be(403);
        response.Message.Should().Contain("role=admin");
    }

    [Fact]
    public async Task Initialize_ByOrganizationOutsideTheMapping_Forbidden403()
    {
        var network = new PharmaNetwork();
        var response = await network.InvokeAsync(Outsider, StaffRole.Admin, "Configuration:Initialize", [Configuration]);
        response.Status.Should().Be(403);
    }

    [Fact]
    public async Task Initialize_EmptyWholesalers_BadRequest400NamingField()
    {
        var network = new PharmaNetwork();
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Admin, "Configuration:Initialize", [Configuration with { Wholesalers = [] }]);
        response.Status.Should().Be(400);
        response.Message.Should().StartWith("wholesalers");
    }

    [Fact]
    public async Task Update_SamplesNetworkMapping_PolicyFollowsTheNewOrganizations()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        var samples = new PharmaConfiguration(["Org1MSP"], [Wholesaler], ["Org1MSP"], PricingCollection);

        await network.CallAsync(Wholesaler, StaffRole.Admin, "Configuration:Update", [samples]);

        var policy = await network.Stub.GetStateValidationParameterAsync(Keys.Configuration);
        new KeyEndorsementPolicy(policy).Organizations.Should().Equal("Org1MSP", Wholesaler);
    }

    [Fact]
    public async Task Update_ByOutsider_Forbidden403()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        (await network.InvokeAsync(Outsider, StaffRole.Admin, "Configuration:Update", [Configuration])).Status.Should().Be(403);
    }

    [Fact]
    public async Task AnyTransaction_BeforeConfiguration_Conflict409()
    {
        var network = new PharmaNetwork();
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Serialization, "Products:Get", [Gtin]);
        response.Status.Should().Be(409);
        response.Message.Should().Contain("Configuration:Initialize");
    }

    [Fact]
    public async Task Query_ByOrganizationOutsideTheMapping_Forbidden403()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        (await network.InvokeAsync(Outsider, StaffRole.Shipping, "Units:Verify", [Gtin, "SN1"])).Status.Should().Be(403);
    }
}
