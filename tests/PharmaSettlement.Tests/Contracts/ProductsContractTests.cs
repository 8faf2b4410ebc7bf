using FluentAssertions;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Contracts.PharmaNetwork;

namespace PharmaSettlement.Tests.Contracts;

public class ProductsContractTests
{
    [Fact]
    public async Task Register_ByManufacturer_StoredWithCallerAsManufacturer()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        await network.RegisterProductAsync("0312345678906");

        var product = await network.CallAsync<Product>(Pharmacy, StaffRole.Pharmacist, "Products:Get", [Gtin]);
        product.Should().Match<Product>(p => p.Gtin == Gtin && p.Manufacturer == Manufacturer && p.Ndc == ProductNdc);
        network.LastEvent().Name.Should().Be("ProductRegistered");
    }

    [Fact]
    public async Task Register_ByWholesaler_Forbidden403()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        var response = await network.InvokeAsync(Wholesaler, StaffRole.Serialization, "Products:Register",
            [new ProductRegistration(Gtin, ProductNdc, "A", "1 mg", "tablet")]);
        response.Status.Should().Be(403);
        response.Message.Should().Contain("not a manufacturer");
    }

    [Fact]
    public async Task Register_WrongStaffRole_Forbidden403()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Finance, "Products:Register", [new ProductRegistration(Gtin, ProductNdc, "A", "1 mg", "tablet")]);
        response.Status.Should().Be(403);
    }

    [Fact]
    public async Task Register_Twice_Conflict409()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        await network.RegisterProductAsync();
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Serialization, "Products:Register", [new ProductRegistration(Gtin, ProductNdc, "A", "1 mg", "tablet")]);
        response.Status.Should().Be(409);
    }

    [Theory]
    [InlineData("00312345678907", "12345-678-90", "gtin")]
    [InlineData(Gtin, "55555-123-45", "ndc")]
    [InlineData(Gtin, "12345678-90", "ndc")]
    public async Task Register_BadIdentifiers_BadRequest400NamingField(string gtin, string ndc, string field)
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        var response = await network.InvokeAsync(Manufacturer, StaffRole.Serialization, "Products:Register", [new ProductRegistration(gtin, ndc, "A", "1 mg", "tablet")]);
        response.Status.Should().Be(400);
        response.Message.Should().StartWith(field);
    }

    [Fact]
    public async Task Get_Unknown_NotFound404()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        (await network.InvokeAsync(Wholesaler, null, "Products:Get", [Gtin])).Status.Should().Be(404);
    }
}
