using FluentAssertions;
using Fabric.Chaincode;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Domain.Samples;

namespace PharmaSettlement.Tests.Domain;

public class PricingTests
{
    private const string Salt = "AAECAwQFBgcICQoLDA0ODw==";

    private static readonly PriceContractProposal Proposal = new("C-1", Wholesaler, Pharmacy, [CustomerGln], new DateOnly(2026, 1, 1),
        new DateOnly(2026, 12, 31), "USD", [new ContractLine("0312345678906", 7_500)], Salt);

    [Fact]
    public void ToTerms_Valid_NormalizesAndKeepsManufacturer()
    {
        var terms = Proposal.ToTerms(Manufacturer);
        terms.Manufacturer.Should().Be(Manufacturer);
        terms.Lines.Single().Gtin.Should().Be(Gtin);
        terms.IsValidOn(new DateOnly(2026, 12, 31)).Should().BeTrue();
        terms.IsValidOn(new DateOnly(2027, 1, 1)).Should().BeFalse();
    }

    [Fact]
    public void ToTerms_ValidToBeforeValidFrom_Throws400() =>
        FluentActions.Invoking(() => (Proposal with { ValidTo = new DateOnly(2025, 1, 1) }).ToTerms(Manufacturer))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.StartsWith("contract.validTo", StringComparison.Ordinal));

    [Fact]
    public void ToTerms_ZeroPriceOrDuplicateProduct_Throws400()
    {
        FluentActions.Invoking(() => (Proposal with { Lines = [new ContractLine(Gtin, 0)] }).ToTerms(Manufacturer))
            .Should().Throw<ChaincodeException>().Where(e => e.Message.StartsWith("contract.lines[0].contractPrice", StringComparison.Ordinal));
        FluentActions.Invoking(() => (Proposal with { Lines = [new ContractLine(Gtin, 1), new ContractLine(Gtin, 2)] }).ToTerms(Manufacturer))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 400);
    }

    [Fact]
    public void ToTerms_BadCurrencyOrGln_Throws400()
    {
        FluentActions.Invoking(() => (Proposal with { Currency = "usd" }).ToTerms(Manufacturer)).Should().Throw<ChaincodeException>().Where(e => e.Status == 400);
        FluentActions.Invoking(() => (Proposal with { EligibleCustomers = ["0614141000013"] }).ToTerms(Manufacturer)).Should().Throw<ChaincodeException>().Where(e => e.Status == 400);
    }

    [Fact]
    public void SaltedHash_SameRecordSameSalt_SameHash_DifferentSalt_DifferentHash()
    {
        var terms = Proposal.ToTerms(Manufacturer);
        var hash = SaltedHash.Compute(Salt, terms);
        hash.Should().HaveLength(64).And.Be(SaltedHash.Compute(Salt, terms));
        SaltedHash.Compute("AQECAwQFBgcICQoLDA0ODw==", terms).Should().NotBe(hash);
        SaltedHash.Compute(Salt, terms with { Lines = [new ContractLine(Gtin, 7_501)] }).Should().NotBe(hash);
    }

    [Fact]
    public void SaltedHash_IsSha256OfSaltThenJson()
    {
        var record = new WacPrice(Gtin, "USD", 1, new DateOnly(2026, 1, 1));
        var json = System.Text.Encoding.UTF8.GetBytes($"{{\"gtin\":\"{Gtin}\",\"currency\":\"USD\",\"price\":1,\"effectiveFrom\":\"2026-01-01\"}}");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. Convert.FromBase64String(Salt), .. json]));
        SaltedHash.Compute(Salt, record).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAECAwQFBgcICQ==")]
    public void ParseSalt_MissingMalformedOrShort_Throws400(string salt) =>
        FluentActions.Invoking(() => SaltedHash.ParseSalt(salt)).Should().Throw<ChaincodeException>().Where(e => e.Status == 400);

    [Fact]
    public void Derive_DifferentRecords_DifferentSalts()
    {
        var clientSalt = SaltedHash.ParseSalt(Salt);
        SaltedHash.Derive(clientSalt, "a").Should().NotBe(SaltedHash.Derive(clientSalt, "b"));
    }

    [Fact]
    public void SaleProposal_FutureDate_Throws400() =>
        FluentActions.Invoking(() => new SaleProposal("S-1", "C-1", CustomerGln, Today.AddDays(1), "USD", [new SaleLine(Gtin, 1, 1)], Salt).ToRecord(Wholesaler, Today))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.StartsWith("sale.saleDate", StringComparison.Ordinal));

    [Fact]
    public void Configuration_Validate_RejectsEmptyRoleAndBadCollection()
    {
        var valid = new PharmaConfiguration([Manufacturer], [Wholesaler], [Pharmacy], "manufacturerWholesalerPricing");
        valid.Validate().Organizations.Should().Equal(Manufacturer, Pharmacy, Wholesaler);
        FluentActions.Invoking(() => (valid with { Wholesalers = [] }).Validate()).Should().Throw<ChaincodeException>().Where(e => e.Message.StartsWith("wholesalers", StringComparison.Ordinal));
        FluentActions.Invoking(() => (valid with { PricingCollection = "_implicit_org_X" }).Validate()).Should().Throw<ChaincodeException>().Where(e => e.Status == 400);
    }
}
