using FluentAssertions;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;
using static PharmaSettlement.Tests.Contracts.PharmaNetwork;

namespace PharmaSettlement.Tests.Contracts;

public class PricingAndChargebacksContractTests
{
    private static ClaimLineInput Line(int number, string saleId, int quantity, long wac = 10_000, long contractPrice = 7_500, long? amount = null) =>
        new(number, saleId, Gtin, quantity, wac, contractPrice, amount ?? (wac - contractPrice) * quantity);

    [Fact]
    public async Task PublishContract_TermsOnlyInPricingAndCustomerCollections_PublicHoldsSummaryAndHash()
    {
        var network = new PharmaNetwork();
        await network.PrepareTradeAsync();

        var summary = await network.CallAsync<PriceContractSummary>(Pharmacy, StaffRole.Pharmacist, "Pricing:GetContract", ["C-1"]);
        summary.Should().Match<PriceContractSummary>(s => s.Wholesaler == Wholesaler && s.CustomerMsp == Pharmacy && s.TermsHash.Length == 64);
        network.Stub.PrivateState(PricingCollection).Should().ContainKey(Keys.Contract("C-1"));
        network.Stub.PrivateState(Keys.ImplicitCollection(Pharmacy)).Should().ContainKey(Keys.Contract("C-1"));
        var terms = await network.CallAsync<SaltedRecord<PriceContractTerms>>(Pharmacy, StaffRole.Pharmacist, "Pricing:GetContractTerms", ["C-1"]);
        terms.Hash.Should().Be(summary.TermsHash);
        SaltedHash.Compute(terms.Salt, terms.Record).Should().Be(summary.TermsHash);
        network.PublicLedgerText().Should().NotContainAny(":7500", ":10000", "contractPrice", "\"wac\"");
    }

    [Fact]
    public async Task PricingTransactions_Misuse_RefusedWithStatus()
    {
        var network = new PharmaNetwork();
        await network.PrepareTradeAsync();
        (await network.InvokeAsync(Wholesaler, StaffRole.Pricing, "Pricing:PublishContract", [],
            new Dictionary<string, object> { ["contract"] = Contract("C-2") })).Status.Should().Be(403);
        (await network.InvokeAsync(Manufacturer, StaffRole.Pricing, "Pricing:PublishContract", [])).Status.Should().Be(400);
        (await network.InvokeAsync(Manufacturer, StaffRole.Pricing, "Pricing:PublishContract", [],
            new Dictionary<string, object> { ["contract"] = Contract() })).Status.Should().Be(409);
        (await network.InvokeAsync(Manufacturer, StaffRole.Pricing, "Pricing:PublishContract", [],
            new Dictionary<string, object> { ["contract"] = Contract("C-2") with { Salt = "" } })).Message.Should().StartWith("contract.salt");
        (await network.InvokeAsync(Manufacturer, StaffRole.Pricing, "Pricing:PublishContract", [],
            new Dictionary<string, object> { ["contract"] = Contract("C-2") with { Wholesaler = Pharmacy } })).Message.Should().StartWith("contract.wholesaler");
        (await network.InvokeAsync(Pharmacy, StaffRole.Pharmacist, "Pricing:GetWac", [Gtin, network.Today])).Status.Should().Be(403);
        (await network.CallAsync<WacPrice>(Wholesaler, StaffRole.Sales, "Pricing:GetWac", [Gtin, network.Today])).Price.Should().Be(10_000);
    }

    [Fact]
    public async Task WacInEffect_SeveralEffectiveDates_LatestNotAfterTheDateWins_AndInvoicesUseItWithoutPrivateRangeQueries()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        await network.RegisterProductAsync();
        await network.SetWacAsync(10_000, new DateOnly(2026, 1, 1));
        await network.SetWacAsync(12_000, new DateOnly(2026, 3, 10));

        (await network.CallAsync<WacPrice>(Wholesaler, StaffRole.Sales, "Pricing:GetWac", [Gtin, new DateOnly(2026, 3, 9)])).Price.Should().Be(10_000);
        (await network.CallAsync<WacPrice>(Wholesaler, StaffRole.Sales, "Pricing:GetWac", [Gtin, new DateOnly(2026, 3, 10)])).Price.Should().Be(12_000);
        (await network.InvokeAsync(Wholesaler, StaffRole.Sales, "Pricing:GetWac", [Gtin, new DateOnly(2025, 12, 31)])).Status.Should().Be(404);

        // Issue looks the WAC up and then writes: under the peer's simulation rules that works only with point reads.
        await network.CommissionAsync("LOT1", "SN0001", "SN0002");
        await network.ShipAsync(Manufacturer, "SH-1", Wholesaler, ["SN0001", "SN0002"]);
        await network.ReceiveAsync(Wholesaler, "SH-1");
        await network.CallAsync(Manufacturer, StaffRole.Finance, "Invoices:Issue", ["INV-1", "SH-1", "USD"], new Dictionary<string, object> { ["salt"] = Salt });
        (await network.CallAsync<SaltedRecord<InvoiceAmounts>>(Wholesaler, StaffRole.Finance, "Invoices:GetAmounts", ["INV-1"])).Record.Total.Should().Be(24_000);
    }

    [Fact]
    public async Task SubmitClaim_EveryReasonCode_DecidedPerLineWithoutAmountsInPublic()
    {
        var network = new PharmaNetwork();
        await network.PrepareTradeAsync(units: 10);
        await network.RegisterProductAsync("00355555123453", "55555-123-45");
        await network.CallAsync(Manufacturer, StaffRole.Pricing, "Pricing:PublishContract", [], new Dictionary<string, object>
        {
            ["contract"] = Contract("C-OTHER") with { Lines = [new ContractLine("00355555123453", 1)] },
        });
        await network.RecordSaleAsync("S-OK", 4);
        await network.RecordSaleAsync("S-PRICE", 2);
        await network.RecordSaleAsync("S-NOCONTRACT", 1, contractId: "C-9");
        await network.RecordSaleAsync("S-CUSTOMER", 1, customer: "0614141000029");
        await network.RecordSaleAsync("S-PRODUCT", 1, contractId: "C-OTHER");
        await network.RecordSaleAsync("S-DATE", 1, date: new DateOnly(2025, 12, 20));
        await network.RecordSaleAsync("S-MANY", 9);

        var claim = await network.SubmitClaimAsync("CB-1",
            Line(1, "S-OK", 4),
            Line(2, "S-PRICE", 2, contractPrice: 7_000),
            Line(3, "S-NOCONTRACT", 1),
            Line(4, "S-CUSTOMER", 1),
            Line(5, "S-PRODUCT", 1),
            Line(6, "S-DATE", 1),
            Line(7, "S-MANY", 9),
            Line(8, "S-OK", 1),
            Line(9, "S-NONE", 1));

        claim.Lines.Select(l => l.Reason).Should().Equal(
            null, ChargebackReason.PriceMismatch, ChargebackReason.UnknownContract, ChargebackReason.CustomerNotEligible,
            ChargebackReason.ProductNotOnContract, ChargebackReason.SaleDateOutsideValidity, ChargebackReason.QuantityExceedsShipped,
            ChargebackReason.DuplicateClaim, ChargebackReason.UnknownSale);
        var (name, payload) = network.LastEvent();
        name.Should().Be("ChargebackDecided");
        payload.GetProperty("lines")[1].GetProperty("reason").GetString().Should().Be("price_mismatch");
        network.PublicLedgerText().Should().NotContainAny(":7500", ":10000", "contractPrice", "\"wac\"");
        var amounts = await network.CallAsync<SaltedRecord<ClaimAmounts>>(Manufacturer, StaffRole.Chargebacks, "Chargebacks:GetClaimAmounts", ["CB-1"]);
        amounts.Record.AmountOf(1).Should().Be(10_000);
        (await network.InvokeAsync(Pharmacy, StaffRole.Chargebacks, "Chargebacks:GetClaimAmounts", ["CB-1"])).Status.Should().Be(403);

        var again = await network.SubmitClaimAsync("CB-2", Line(1, "S-OK", 4));
        again.Lines.Single().Reason.Should().Be(ChargebackReason.DuplicateClaim);
        (await network.InvokeAsync(Wholesaler, StaffRole.Chargebacks, "Chargebacks:SubmitClaim", [], new Dictionary<string, object>
        {
            ["claim"] = new ClaimProposal("CB-1", Manufacturer, "USD", [Line(1, "S-OK", 1)], Salt),
        })).Status.Should().Be(409);
    }

    [Fact]
    public async Task SubmitClaim_ByManufacturerOrWithoutRole_Forbidden403()
    {
        var network = new PharmaNetwork();
        await network.PrepareTradeAsync();
        var transient = new Dictionary<string, object> { ["claim"] = new ClaimProposal("CB-1", Manufacturer, "USD", [Line(1, "S-1", 1)], Salt) };
        (await network.InvokeAsync(Manufacturer, StaffRole.Chargebacks, "Chargebacks:SubmitClaim", [], transient)).Status.Should().Be(403);
        (await network.InvokeAsync(Wholesaler, StaffRole.Sales, "Chargebacks:SubmitClaim", [], transient)).Status.Should().Be(403);
    }

    [Fact]
    public async Task DisputeAndWithdraw_LineRejectedAndSaleProductClaimableAgain()
    {
        var network = new PharmaNetwork();
        await network.PrepareTradeAsync();
        await network.RecordSaleAsync("S-1", 4);
        await network.SubmitClaimAsync("CB-1", Line(1, "S-1", 4));

        (await network.InvokeAsync(Wholesaler, StaffRole.Chargebacks, "Chargebacks:DisputeLine", ["CB-1", 1, DisputeReason.Other])).Status.Should().Be(403);
        var disputed = await network.CallAsync<ClaimLine>(Manufacturer, StaffRole.Chargebacks, "Chargebacks:DisputeLine", ["CB-1", 1, DisputeReason.QuantityQuestioned]);
        disputed.Status.Should().Be(ClaimLineStatus.Disputed);
        (await network.InvokeAsync(Wholesaler, StaffRole.Chargebacks, "Chargebacks:ResolveDispute", ["CB-1", 1, DisputeOutcome.Upheld])).Status.Should().Be(403);

        var withdrawn = await network.CallAsync<ClaimLine>(Wholesaler, StaffRole.Chargebacks, "Chargebacks:ResolveDispute", ["CB-1", 1, DisputeOutcome.Withdrawn]);

        withdrawn.Reason.Should().Be(ChargebackReason.WithdrawnAfterDispute);
        network.LastEvent().Name.Should().Be("DisputeResolved");
        (await network.SubmitClaimAsync("CB-2", Line(1, "S-1", 4))).Lines.Single().Status.Should().Be(ClaimLineStatus.Accepted);
    }

    [Fact]
    public async Task DisputeUpheld_LineAcceptedAgain()
    {
        var network = new PharmaNetwork();
        await network.PrepareTradeAsync();
        await network.RecordSaleAsync("S-1", 4);
        await network.SubmitClaimAsync("CB-1", Line(1, "S-1", 4));
        await network.CallAsync(Manufacturer, StaffRole.Chargebacks, "Chargebacks:DisputeLine", ["CB-1", 1, DisputeReason.PriceQuestioned]);
        var upheld = await network.CallAsync<ClaimLine>(Manufacturer, StaffRole.Chargebacks, "Chargebacks:ResolveDispute", ["CB-1", 1, DisputeOutcome.Upheld]);
        upheld.Status.Should().Be(ClaimLineStatus.Accepted);
        (await network.InvokeAsync(Manufacturer, StaffRole.Chargebacks, "Chargebacks:DisputeLine", ["CB-1", 2, DisputeReason.Other])).Status.Should().Be(404);
    }
}
