using FluentAssertions;
using Fabric.Chaincode;
using PharmaSettlement.Domain;

namespace PharmaSettlement.Tests.Domain;

public class NdcTests
{
    [Theory]
    [InlineData("1234-5678-90")]
    [InlineData("12345-678-90")]
    [InlineData("12345-6789-0")]
    [InlineData("12345-0678-90")]
    public void Validate_FdaLayouts_Accepted(string ndc) => Ndc.Validate(ndc).Should().Be(ndc);

    [Theory]
    [InlineData("1234567890")]
    [InlineData("123-4567-890")]
    [InlineData("12345-678-9A")]
    [InlineData("12345-67-890")]
    [InlineData("12345--90")]
    public void Validate_OtherLayouts_Throws400(string ndc) =>
        FluentActions.Invoking(() => Ndc.Validate(ndc)).Should().Throw<ChaincodeException>()
            .Where(e => e.Status == 400 && e.Message.StartsWith("ndc", StringComparison.Ordinal));

    [Theory]
    [InlineData("12345-678-90", true)]
    [InlineData("12345-0678-90", true)]
    [InlineData("1234-5678-90", true)]
    [InlineData("55555-123-45", false)]
    public void MatchesGtin_EmbeddedDigits_ComparesTheTenNdcDigits(string ndc, bool expected) =>
        Ndc.MatchesGtin(ndc, Samples.Gtin).Should().Be(expected);

    [Fact]
    public void MatchesGtin_GtinWithoutNdcPrefix_False() => Ndc.MatchesGtin("12345-678-90", "00012345678905").Should().BeFalse();

    [Fact]
    public void ProductCreate_NdcNotInGtin_Throws400()
    {
        var request = new ProductRegistration(Samples.Gtin, "55555-123-45", "Amoxicillin", "500 mg", "capsule");
        FluentActions.Invoking(() => Product.Create(request, Samples.Manufacturer, Samples.Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.StartsWith("ndc", StringComparison.Ordinal));
    }

    [Fact]
    public void ProductCreate_Valid_NormalizesGtinAndKeepsManufacturer()
    {
        var product = Product.Create(new ProductRegistration("0312345678906", "12345-678-90", "Amoxicillin", "500 mg", "capsule"), Samples.Manufacturer, Samples.Now);
        product.Gtin.Should().Be(Samples.Gtin);
        product.Manufacturer.Should().Be(Samples.Manufacturer);
    }
}
