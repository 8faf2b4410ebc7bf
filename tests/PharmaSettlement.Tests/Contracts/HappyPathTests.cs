using FluentAssertions;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Contracts.PharmaNetwork;

namespace PharmaSettlement.Tests.Contracts;

/// <summary>The call sequence of docs/pharma-settlement.md, which the end-to-end test on the dev network repeats.</summary>
public class HappyPathTests
{
    private const string CaseId = "000614141000000014";

    [Fact]
    public async Task CommissionPackShipReceiveSellClaimSettle_NettedAndPaidWithoutPricesInPublic()
    {
        var network = new PharmaNetwork();
        await network.ConfigureAsync();
        await network.RegisterProductAsync();
        await network.SetWacAsync(10_000, new DateOnly(2026, 1, 1));
        await network.PublishContractAsync();
        await network.CommissionAsync("LOT1", "SN0001", "SN0002", "SN0003", "SN0004", "SN0005", "SN0006");
        await network.CallAsync(Manufacturer, StaffRole.Shipping, "Units:Pack", [CaseId, new[] { new UnitRef(Gtin, "SN0001"), new UnitRef(Gtin, "SN0002"), new UnitRef(Gtin, "SN0003") }]);
        await network.ShipAsync(Manufacturer, "SH-1", Wholesaler, ["SN0004", "SN0005", "SN0006"], [CaseId]);
        network.Time.Now = network.Time.Now.AddDays(1);
        (await network.ReceiveAsync(Wholesaler, "SH-1")).Status.Should().Be(ShipmentStatus.Received);
        await network.CallAsync(Manufacturer, StaffRole.Finance, "Invoices:Issue", ["INV-1", "SH-1", "USD"], new Dictionary<string, object> { ["salt"] = Salt });
        await network.RecordSaleAsync("S-1", 4);
        await network.RecordSaleAsync("S-2", 2);

        var claim = await network.SubmitClaimAsync("CB-1",
            new ClaimLineInput(1, "S-1", Gtin, 4, 10_000, 7_500, 10_000),
            new ClaimLineInput(2, "S-2", Gtin, 2, 10_000, 7_000, 6_000));
        claim.Lines.Select(l => l.Reason).Should().Equal(null, ChargebackReason.PriceMismatch);

        var proposed = await network.CallAsync<Settlement>(Wholesaler, StaffRole.Finance, "Settlements:Propose",
            ["ST-1", Manufacturer, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "USD"], new Dictionary<string, object> { ["salt"] = Salt });
        proposed.InvoiceIds.Should().Equal("INV-1");
        proposed.ChargebackLines.Should().Equal(new ClaimLineRef("CB-1", 1));
        var totals = await network.CallAsync<SaltedRecord<SettlementTotals>>(Manufacturer, StaffRole.Finance, "Settlements:GetTotals", ["ST-1"]);
        totals.Record.Should().Be(new SettlementTotals("ST-1", "USD", 60_000, 10_000, 50_000, Wholesaler, Manufacturer));
        (await network.InvokeAsync(Pharmacy, StaffRole.Finance, "Settlements:GetTotals", ["ST-1"])).Status.Should().Be(403);
        (await network.InvokeAsync(Manufacturer, StaffRole.Chargebacks, "Chargebacks:DisputeLine", ["CB-1", 1, DisputeReason.Other])).Status.Should().Be(409);

        (await network.InvokeAsync(Manufacturer, StaffRole.Finance, "Settlements:MarkPaid", ["ST-1"])).Status.Should().Be(409);
        await network.CallAsync(Wholesaler, StaffRole.Finance, "Settlements:Approve", ["ST-1"]);
        (await network.InvokeAsync(Wholesaler, StaffRole.Finance, "Settlements:Approve", ["ST-1"])).Status.Should().Be(409);
        (await network.CallAsync<Settlement>(Manufacturer, StaffRole.Finance, "Settlements:Approve", ["ST-1"])).Status.Should().Be(SettlementStatus.Approved);
        (await network.InvokeAsync(Wholesaler, StaffRole.Finance, "Settlements:MarkPaid", ["ST-1"])).Status.Should().Be(403);
        var paid = await network.CallAsync<Settlement>(Manufacturer, StaffRole.Finance, "Settlements:MarkPaid", ["ST-1"]);

        paid.Status.Should().Be(SettlementStatus.Paid);
        network.LastEvent().Name.Should().Be("SettlementPaid");
        (await network.CallAsync<Invoice>(Wholesaler, StaffRole.Finance, "Invoices:Get", ["INV-1"])).Status.Should().Be(ItemStatus.Paid);
        (await network.CallAsync<ChargebackClaim>(Wholesaler, StaffRole.Finance, "Chargebacks:GetClaim", ["CB-1"])).Lines[0].Status.Should().Be(ClaimLineStatus.Paid);
        network.PublicLedgerText().Should().NotContainAny(":7500", ":7000", ":10000", ":60000", ":50000", "unitPrice", "netAmount", "\"amount\"");
        (await network.InvokeAsync(Wholesaler, StaffRole.Finance, "Settlements:Propose",
            ["ST-2", Manufacturer, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "USD"], new Dictionary<string, object> { ["salt"] = Salt }))
            .Status.Should().Be(422);
    }

    [Fact]
    public async Task Settlement_RejectedAndBadRequests_ItemsReleased()
    {
        var network = new PharmaNetwork();
        await network.PrepareTradeAsync();
        var salt = new Dictionary<string, object> { ["salt"] = Salt };
        await network.CallAsync(Manufacturer, StaffRole.Finance, "Invoices:Issue", ["INV-1", "SH-1", "USD"], salt);
        (await network.InvokeAsync(Manufacturer, StaffRole.Finance, "Invoices:Issue", ["INV-2", "SH-1", "USD"], salt)).Status.Should().Be(409);
        (await network.InvokeAsync(Wholesaler, StaffRole.Finance, "Invoices:Issue", ["INV-3", "SH-1", "USD"], salt)).Status.Should().Be(403);
        (await network.InvokeAsync(Manufacturer, StaffRole.Finance, "Settlements:Propose",
            ["ST-1", Pharmacy, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "USD"], salt)).Message.Should().StartWith("counterparty");
        (await network.InvokeAsync(Manufacturer, StaffRole.Finance, "Settlements:Propose",
            ["ST-1", Wholesaler, new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 1), "USD"], salt)).Message.Should().StartWith("periodEnd");

        await network.CallAsync(Manufacturer, StaffRole.Finance, "Settlements:Propose", ["ST-1", Wholesaler, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "USD"], salt);
        (await network.CallAsync<Invoice>(Wholesaler, StaffRole.Finance, "Invoices:Get", ["INV-1"])).Status.Should().Be(ItemStatus.InSettlement);
        await network.CallAsync(Wholesaler, StaffRole.Finance, "Settlements:Reject", ["ST-1"]);

        (await network.CallAsync<Invoice>(Wholesaler, StaffRole.Finance, "Invoices:Get", ["INV-1"])).Should().Match<Invoice>(i => i.Status == ItemStatus.Open && i.SettlementId == null);
        (await network.InvokeAsync(Manufacturer, StaffRole.Finance, "Settlements:Approve", ["ST-1"])).Status.Should().Be(409);
        await network.CallAsync(Manufacturer, StaffRole.Finance, "Settlements:Propose", ["ST-2", Wholesaler, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "USD"], salt);
    }
}
