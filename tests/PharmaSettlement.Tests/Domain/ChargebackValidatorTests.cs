using FluentAssertions;
using Fabric.Chaincode;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Domain.Samples;

namespace PharmaSettlement.Tests.Domain;

public class ChargebackValidatorTests
{
    private const long WacPrice = 10_000;
    private const long ContractPriceValue = 7_500;

    private static readonly PriceContractTerms Contract = new(
        "C-1", Manufacturer, Wholesaler, Pharmacy, [CustomerGln], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "USD",
        [new ContractLine(Gtin, ContractPriceValue)]);

    private static readonly SaleRecord Sale = new("SALE-1", Wholesaler, "C-1", CustomerGln, new DateOnly(2026, 3, 10), "USD",
        [new SaleLine(Gtin, 10, ContractPriceValue), new SaleLine(OtherGtin, 5, 1_000)]);

    private static ChargebackEvidence Evidence(
        SaleRecord? sale = null, PriceContractTerms? contract = null, long received = 100, long claimed = 0,
        IReadOnlySet<(string, string)>? alreadyClaimed = null, WacPrice? wac = null)
    {
        sale ??= Sale;
        contract ??= Contract;
        return new ChargebackEvidence(
            new Dictionary<string, SaleRecord> { [sale.SaleId] = sale },
            new Dictionary<string, PriceContractTerms> { [contract.ContractId] = contract },
            new Dictionary<(string, string), WacPrice> { [(sale.SaleId, Gtin)] = wac ?? new WacPrice(Gtin, "USD", WacPrice, new DateOnly(2026, 1, 1)) },
            alreadyClaimed ?? new HashSet<(string, string)>(),
            new Dictionary<string, long> { [Gtin] = received },
            new Dictionary<string, long> { [Gtin] = claimed });
    }

    private static ClaimLineInput Line(int number = 1, int quantity = 10, long wac = WacPrice, long contractPrice = ContractPriceValue, long? amount = null,
        string saleId = "SALE-1", string gtin = Gtin) =>
        new(number, saleId, gtin, quantity, wac, contractPrice, amount ?? (wac - contractPrice) * quantity);

    private static ClaimLine DecideOne(ClaimLineInput line, ChargebackEvidence? evidence = null) =>
        ChargebackValidator.Decide(new ClaimProposal("CB-1", Manufacturer, "USD", [line], "c2FsdHNhbHRzYWx0c2FsdA=="), Wholesaler, evidence ?? Evidence(), Now)
            .Claim.Lines.Single();

    [Fact]
    public void Decide_ConsistentLine_AcceptedWithAmountKeptPrivately()
    {
        var decision = ChargebackValidator.Decide(new ClaimProposal("CB-1", Manufacturer, "USD", [Line()], "x"), Wholesaler, Evidence(), Now);
        decision.Claim.Lines.Single().Should().Match<ClaimLine>(l => l.Status == ClaimLineStatus.Accepted && l.Reason == null);
        decision.Amounts.AmountOf(1).Should().Be(25_000);
        decision.Claim.Manufacturer.Should().Be(Manufacturer);
        decision.Claim.Wholesaler.Should().Be(Wholesaler);
    }

    [Fact]
    public void Decide_UnknownSale_Rejected() =>
        DecideOne(Line(saleId: "SALE-X")).Reason.Should().Be(ChargebackReason.UnknownSale);

    [Fact]
    public void Decide_ProductNotInSale_UnknownSale() =>
        DecideOne(Line(gtin: "00312345678913")).Reason.Should().Be(ChargebackReason.UnknownSale);

    [Fact]
    public void Decide_UnknownContract_Rejected() =>
        DecideOne(Line(), Evidence(sale: Sale with { ContractId = "C-9" })).Reason.Should().Be(ChargebackReason.UnknownContract);

    [Fact]
    public void Decide_ContractOfAnotherManufacturer_UnknownContract() =>
        DecideOne(Line(), Evidence(contract: Contract with { Manufacturer = "OtherMSP" })).Reason.Should().Be(ChargebackReason.UnknownContract);

    [Fact]
    public void Decide_CustomerNotEligible_Rejected() =>
        DecideOne(Line(), Evidence(sale: Sale with { CustomerGln = OtherGln })).Reason.Should().Be(ChargebackReason.CustomerNotEligible);

    [Fact]
    public void Decide_ProductNotOnContract_Rejected() =>
        DecideOne(Line(), Evidence(contract: Contract with { Lines = [new ContractLine(OtherGtin, 1)] })).Reason.Should().Be(ChargebackReason.ProductNotOnContract);

    [Fact]
    public void Decide_SaleDateOutsideValidity_Rejected() =>
        DecideOne(Line(), Evidence(sale: Sale with { SaleDate = new DateOnly(2025, 12, 31) })).Reason.Should().Be(ChargebackReason.SaleDateOutsideValidity);

    [Fact]
    public void Decide_LastDayOfValidity_Accepted() =>
        DecideOne(Line(), Evidence(sale: Sale with { SaleDate = new DateOnly(2026, 12, 31) })).Status.Should().Be(ClaimLineStatus.Accepted);

    [Fact]
    public void Decide_MoreThanSold_QuantityExceedsSale() =>
        DecideOne(Line(quantity: 11)).Reason.Should().Be(ChargebackReason.QuantityExceedsSale);

    [Theory]
    [InlineData(10_000, 7_000, null, "contract price differs")]
    [InlineData(11_000, 7_500, null, "WAC differs")]
    [InlineData(10_000, 7_500, 24_999L, "(WAC - contract price) x quantity")]
    public void Decide_PricesDisagree_PriceMismatchWithoutAmountsInDetail(long wac, long contractPrice, long? amount, string detail)
    {
        var line = DecideOne(Line(wac: wac, contractPrice: contractPrice, amount: amount));
        line.Reason.Should().Be(ChargebackReason.PriceMismatch);
        line.Detail.Should().Contain(detail);
        line.Detail.Should().NotContainAny("7000", "7500", "10000", "11000", "24999", "25000");
    }

    [Fact]
    public void Decide_SaleNotAtContractPrice_PriceMismatch() =>
        DecideOne(Line(), Evidence(sale: Sale with { Lines = [new SaleLine(Gtin, 10, 8_000)] })).Detail.Should().Contain("not made at the contract price");

    [Fact]
    public void Decide_NoWacOrWrongCurrency_PriceMismatch()
    {
        DecideOne(Line(), Evidence(wac: new WacPrice(Gtin, "EUR", WacPrice, new DateOnly(2026, 1, 1)))).Reason.Should().Be(ChargebackReason.PriceMismatch);
        DecideOne(Line(), Evidence(contract: Contract with { Currency = "EUR" })).Reason.Should().Be(ChargebackReason.PriceMismatch);
    }

    [Fact]
    public void Decide_ContractPriceNotBelowWac_PriceMismatch() =>
        DecideOne(Line(wac: 7_500, amount: 0), Evidence(wac: new WacPrice(Gtin, "USD", 7_500, new DateOnly(2026, 1, 1)))).Detail
            .Should().Contain("not below WAC");

    [Fact]
    public void Decide_MoreThanReceivedFromManufacturer_QuantityExceedsShipped()
    {
        DecideOne(Line(), Evidence(received: 9)).Reason.Should().Be(ChargebackReason.QuantityExceedsShipped);
        DecideOne(Line(), Evidence(received: 15, claimed: 6)).Reason.Should().Be(ChargebackReason.QuantityExceedsShipped);
        DecideOne(Line(), Evidence(received: 15, claimed: 5)).Status.Should().Be(ClaimLineStatus.Accepted);
    }

    [Fact]
    public void Decide_AlreadyClaimed_DuplicateClaim() =>
        DecideOne(Line(), Evidence(alreadyClaimed: new HashSet<(string, string)> { ("SALE-1", Gtin) })).Reason.Should().Be(ChargebackReason.DuplicateClaim);

    [Fact]
    public void Decide_SameSaleProductTwiceInOneClaim_SecondIsDuplicate()
    {
        var decision = ChargebackValidator.Decide(new ClaimProposal("CB-1", Manufacturer, "USD", [Line(1, quantity: 5), Line(2, quantity: 5)], "x"), Wholesaler, Evidence(), Now);
        decision.Claim.Lines.Select(l => l.Reason).Should().Equal(null, ChargebackReason.DuplicateClaim);
    }

    [Fact]
    public void Decide_AcceptedLinesCountTowardsShippedLimitWithinTheClaim()
    {
        var sale2 = Sale with { SaleId = "SALE-2" };
        var evidence = Evidence(received: 15) with
        {
            Sales = new Dictionary<string, SaleRecord> { ["SALE-1"] = Sale, ["SALE-2"] = sale2 },
            WacOnSaleDate = new Dictionary<(string, string), WacPrice>
            {
                [("SALE-1", Gtin)] = new(Gtin, "USD", WacPrice, new DateOnly(2026, 1, 1)),
                [("SALE-2", Gtin)] = new(Gtin, "USD", WacPrice, new DateOnly(2026, 1, 1)),
            },
        };
        var decision = ChargebackValidator.Decide(
            new ClaimProposal("CB-1", Manufacturer, "USD", [Line(1), Line(2, saleId: "SALE-2")], "x"), Wholesaler, evidence, Now);
        decision.Claim.Lines.Select(l => l.Reason).Should().Equal(null, ChargebackReason.QuantityExceedsShipped);
    }

    [Theory]
    [InlineData(0, 10, "lineNumber")]
    [InlineData(1, 0, "quantity")]
    public void Decide_MalformedLine_Throws400NamingTheField(int number, int quantity, string field) =>
        FluentActions.Invoking(() => DecideOne(Line(number, quantity: quantity, amount: 0)))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains(field, StringComparison.Ordinal));

    [Fact]
    public void Decide_NoLines_Throws400() =>
        FluentActions.Invoking(() => ChargebackValidator.Decide(new ClaimProposal("CB-1", Manufacturer, "USD", [], "x"), Wholesaler, Evidence(), Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.StartsWith("claim.lines", StringComparison.Ordinal));
}
