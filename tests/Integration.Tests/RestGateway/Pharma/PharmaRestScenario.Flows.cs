using System.Text.Json;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using static Integration.Tests.RestGateway.Pharma.PharmaRoles;
using static Integration.Tests.RestGateway.Pharma.PharmaRoutes;

namespace Integration.Tests.RestGateway.Pharma;

/// <summary>The business flows, each step a 2xx of one endpoint with its effect read back.</summary>
internal sealed partial class PharmaRestScenario
{
    private async Task RunFlowsAsync()
    {
        await Timed(nameof(ConfigureAsync), ConfigureAsync);
        await Timed(nameof(ProductAndPricesAsync), ProductAndPricesAsync);
        await Timed(nameof(UnitsAndCasesAsync), UnitsAndCasesAsync);
        await Timed(nameof(ShipReceiveInvoiceAsync), ShipReceiveInvoiceAsync);
        await Timed(nameof(DispenseReturnReinstateAsync), DispenseReturnReinstateAsync);
        await Timed(nameof(SalesClaimAndDisputeAsync), SalesClaimAndDisputeAsync);
        await Timed(nameof(SettleAsync), SettleAsync);
        await Timed(nameof(RecallAsync), RecallAsync);
    }

    private async Task Timed(string step, Func<Task> run)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await run();
        Timings.Add($"{step} {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static bool IsNullOrAbsent(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    /// <summary>
    /// On an unconfigured ledger every query is 409 and only an admin of a configured organization may initialize:
    /// each other caller is refused (403) before the manufacturer's admin configures; afterwards the other admins get
    /// 409 (already configured). A ledger configured before the run (real Fabric keeps it) answers 409 to everyone, so
    /// these cells cannot be observed there.
    /// </summary>
    private async Task ConfigureAsync()
    {
        var before = await Rest.CallAsync(MfrNone, GetConfiguration, [], cancellationToken: _cancellationToken);
        if (before.Status == 409)
        {
            before.ProblemType.Should().Be("conflict");
            before.Detail.Should().Contain("not configured yet");
            string[] admins = [MfrAdmin, WhlAdmin, PharmAdmin];
            var refused = await Task.WhenAll(All.Where(r => !admins.Contains(r.Name)).Select(async role =>
                (role.Name, Answer: await Rest.CallAsync(role.Name, InitializeConfiguration, [], Configuration, _cancellationToken))));
            InitializeMismatches.AddRange(refused
                .Where(r => r.Answer.Status != 403 || r.Answer.ProblemType != "forbidden")
                .Select(r => $"{InitializeConfiguration} as {r.Name}: denied (role=admin at a configured organization), got {r.Answer}"));
            (await Rest.CallAsync(MfrNone, GetConfiguration, [], cancellationToken: _cancellationToken)).Status.Should().Be(409, "every refused initialization left the chaincode unconfigured");

            var initialized = await Expect(MfrAdmin, InitializeConfiguration, [], Configuration, 201);
            initialized.GetProperty("result").GetProperty("pricingCollection").GetString().Should().Be(PharmaNetwork.PricingCollection);

            ConfiguredByThisRun = true;
            foreach (var admin in admins.Skip(1))
            {
                var answer = await Rest.CallAsync(admin, InitializeConfiguration, [], Configuration, _cancellationToken);
                if (answer.Status != 409 || !answer.Detail.Contains("already configured", StringComparison.Ordinal))
                {
                    InitializeMismatches.Add($"{InitializeConfiguration} as {admin}: expected 409 already configured (allowed, but too late), got {answer}");
                }
            }
        }
        else
        {
            before.Status.Should().Be(200, "a configured ledger answers its configuration: {0}", before);
        }

        var configuration = await Read(MfrNone, GetConfiguration);
        configuration.GetProperty("dispensers").EnumerateArray().Select(d => d.GetString()).Should().Equal(Pharmacy);

        // Replacing the configuration needs every configured organization's peer (key-level policy); the same content
        // keeps the network as it is for everything else.
        var updated = await Expect(WhlAdmin, UpdateConfiguration, [], Configuration, 200);
        updated.GetProperty("result").GetProperty("wholesalers").EnumerateArray().Select(w => w.GetString()).Should().Equal(Wholesaler);
        updated.GetProperty("blockNumber").GetUInt64().Should().BePositive();
    }

    private async Task ProductAndPricesAsync()
    {
        var registration = new { gtin = Product.Gtin, ndc = Product.Ndc, name = "Amoxicillin", strength = "500 mg", dosageForm = "capsule" };
        var registered = await Expect(MfrStaff, RegisterProduct, [], registration, 201);
        registered.GetProperty("result").GetProperty("manufacturer").GetString().Should().Be(Manufacturer);
        var product = await Read(PharmNone, GetProduct, Product.Gtin);
        product.GetProperty("ndc").GetString().Should().Be(Product.Ndc);
        product.GetProperty("name").GetString().Should().Be("Amoxicillin");

        var wac = await Expect(MfrStaff, SetWac, [Product.Gtin], new { currency = Currency, price = Wac, effectiveFrom = WacEffectiveFrom }, 201);
        wac.GetProperty("result").GetProperty("priceHash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        wac.GetRawText().Should().NotContain(Wac.ToString(System.Globalization.CultureInfo.InvariantCulture), "the price is private");
        var wacRead = await Read(WhlStaff, GetWac, Product.Gtin, Iso(Today));
        wacRead.GetRawText().Should().Contain(Wac.ToString(System.Globalization.CultureInfo.InvariantCulture), "a wholesaler reads the WAC in effect");

        var contract = await Expect(MfrStaff, PublishContract, [], ContractBody(ContractId, Pharmacy), 201);
        contract.GetProperty("result").GetProperty("customerMsp").GetString().Should().Be(Pharmacy);
        var summary = await Read(PharmNone, GetContract, ContractId);
        summary.GetProperty("termsHash").GetString().Should().Be(contract.GetProperty("result").GetProperty("termsHash").GetString());
        summary.GetRawText().Should().NotContain("contractPrice", "the public summary carries no terms");

        // The customer reads its own copy (its implicit collection, on its own peer); the wholesaler the pricing collection's.
        var customerTerms = await Read(PharmStaff, GetContractTerms, ContractId);
        customerTerms.GetProperty("record").GetProperty("lines")[0].GetProperty("contractPrice").GetInt64().Should().Be(ContractPrice);
        (await Read(WhlStaff, GetContractTerms, ContractId)).GetProperty("hash").GetString().Should().Be(customerTerms.GetProperty("hash").GetString());
    }

    private async Task UnitsAndCasesAsync()
    {
        var commissioned = await Expect(MfrStaff, CommissionUnits, [], new { gtin = Product.Gtin, lot = Lot, expiry = Expiry, serials = Serials }, 201);
        commissioned.GetProperty("result").EnumerateArray().Select(u => u.GetProperty("status").GetString()).Should().AllBe("active").And.HaveCount(Serials.Length);
        var unit = await Read(PharmNone, VerifyUnit, Product.Gtin, Serials[0]);
        (unit.GetProperty("exists").GetBoolean(), unit.GetProperty("owner").GetString(), unit.GetProperty("lot").GetString()).Should().Be((true, Manufacturer, Lot));

        (await Expect(MfrStaff, PackCase, [], new { caseId = ReceivedCase, units = Serials[..3].Select(Unit) }, 201))
            .GetProperty("result").GetProperty("units").GetArrayLength().Should().Be(3);
        (await Expect(MfrShipping, PackCase, [], new { caseId = InTransitCase, units = Serials[9..11].Select(Unit) }, 201))
            .GetProperty("result").GetProperty("owner").GetString().Should().Be(Manufacturer);
        await Expect(MfrStaff, PackCase, [], new { caseId = UnpackedCase, units = new[] { Unit(Serials[11]) } }, 201);
        (await Read(WhlNone, GetCase, UnpackedCase)).GetProperty("units")[0].GetProperty("serial").GetString().Should().Be(Serials[11]);

        var unpacked = await Expect(MfrShipping, UnpackCase, [UnpackedCase], null, 200);
        IsNullOrAbsent(unpacked, "result").Should().BeTrue("unpacking answers no state: {0}", unpacked);
        await Refused(MfrStaff, GetCase, [UnpackedCase], null, 404, "not-found", "does not exist");
        var loose = await Read(MfrNone, VerifyUnit, Product.Gtin, Serials[11]);
        (loose.GetProperty("exists").GetBoolean() && IsNullOrAbsent(loose, "caseId")).Should().BeTrue("the unit is loose again: {0}", loose);

        (await Expect(MfrStaff, DecommissionUnit, [Product.Gtin, Serials[8]], null, 200)).GetProperty("result").GetProperty("status").GetString().Should().Be("destroyed");
    }

    private async Task ShipReceiveInvoiceAsync()
    {
        var shipped = await Expect(MfrStaff, Ship, [], new { shipmentId = ShipmentId, to = Wholesaler, isReturn = false, units = Serials[3..8].Select(Unit), cases = new[] { ReceivedCase } }, 201);
        shipped.GetProperty("result").GetProperty("status").GetString().Should().Be("in_transit");
        (await Read(WhlNone, GetShipment, ShipmentId)).GetProperty("lines")[0].GetProperty("quantity").GetInt32().Should().Be(UnitsReceivedByWholesaler);
        var inTransit = await Read(PharmNone, VerifyUnit, Product.Gtin, Serials[0]);
        (inTransit.GetProperty("owner").GetString(), inTransit.GetProperty("status").GetString()).Should().Be((Manufacturer, "in_transit"));

        var received = await Expect(WhlStaff, Receive, [ShipmentId], null, 200);
        received.GetProperty("result").GetProperty("status").GetString().Should().Be("received");
        received.GetProperty("result").GetProperty("acceptedUnits").GetArrayLength().Should().Be(UnitsReceivedByWholesaler);
        (await Read(PharmNone, VerifyUnit, Product.Gtin, Serials[0])).GetProperty("owner").GetString().Should().Be(Wholesaler);

        // Stays on the road: the matrix probes unpacking and receiving it.
        await Expect(MfrShipping, Ship, [], new { shipmentId = PendingShipmentId, to = Wholesaler, isReturn = false, cases = new[] { InTransitCase } }, 201);

        var invoice = await Expect(MfrStaff, IssueInvoice, [], new { invoiceId = InvoiceId, shipmentId = ShipmentId, currency = Currency }, 201);
        invoice.GetProperty("result").GetProperty("buyer").GetString().Should().Be(Wholesaler);
        (await Read(PharmNone, GetInvoice, InvoiceId)).GetProperty("status").GetString().Should().Be("open");
        (await Read(WhlStaff, GetInvoiceAmounts, InvoiceId)).GetProperty("record").GetProperty("total").GetInt64().Should().Be(InvoiceTotal);
    }

    private async Task DispenseReturnReinstateAsync()
    {
        await Expect(WhlStaff, Ship, [], new { shipmentId = PharmacyShipmentId, to = Pharmacy, isReturn = false, units = Serials[3..5].Select(Unit) }, 201);
        await Expect(PharmStaff, Receive, [PharmacyShipmentId], null, 200);
        var dispensed = await Expect(PharmStaff, DispenseUnit, [Product.Gtin, Serials[3]], null, 200);
        (dispensed.GetProperty("result").GetProperty("status").GetString(), dispensed.GetProperty("result").GetProperty("owner").GetString()).Should().Be(("dispensed", Pharmacy));

        await Expect(PharmStaff, Ship, [], new { shipmentId = ReturnShipmentId, to = Wholesaler, isReturn = true, units = new[] { Unit(Serials[4]) } }, 201);
        await Expect(WhlStaff, Receive, [ReturnShipmentId], null, 200);
        (await Read(WhlNone, VerifyUnit, Product.Gtin, Serials[4])).GetProperty("status").GetString().Should().Be("returned");
        var reinstated = await Expect(WhlQuality, ReinstateUnit, [Product.Gtin, Serials[4]], null, 200);
        (reinstated.GetProperty("result").GetProperty("status").GetString(), reinstated.GetProperty("result").GetProperty("owner").GetString()).Should().Be(("active", Wholesaler));
    }

    private async Task SalesClaimAndDisputeAsync()
    {
        foreach (var (saleId, quantity) in new[] { (FirstSaleId, FirstSaleQuantity), (SecondSaleId, SecondSaleQuantity) })
        {
            var sale = await Expect(WhlStaff, RecordSale, [], SaleBody(saleId, quantity, Today), 201);
            sale.GetProperty("result").GetProperty("hash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        }

        (await Read(MfrNone, GetSale, FirstSaleId)).GetProperty("contractId").GetString().Should().Be(ContractId);

        var claim = await Expect(WhlStaff, SubmitClaim, [], ClaimBody(ClaimId, Manufacturer), 201);
        claim.GetProperty("result").GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("status").GetString()).Should().Equal("accepted", "accepted");
        (await Read(PharmNone, GetClaim, ClaimId)).GetProperty("wholesaler").GetString().Should().Be(Wholesaler);
        (await Read(MfrStaff, GetClaimAmounts, ClaimId)).GetProperty("record").GetProperty("lines")[0].GetProperty("amount").GetInt64().Should().Be(AcceptedChargeback);

        var disputed = await Expect(MfrStaff, DisputeLine, [ClaimId, "2"], new { reason = "quantity_questioned" }, 200);
        disputed.GetProperty("result").GetProperty("status").GetString().Should().Be("disputed");

        // Each outcome is the concession of one side: the other side may not choose it.
        await Refused(WhlStaff, ResolveDispute, [ClaimId, "2"], new { outcome = "upheld" }, 403, "forbidden", "Only the manufacturer can uphold");
        await Refused(MfrStaff, ResolveDispute, [ClaimId, "2"], new { outcome = "withdrawn" }, 403, "forbidden", "Only the wholesaler can withdraw");
        var withdrawn = await Expect(WhlStaff, ResolveDispute, [ClaimId, "2"], new { outcome = "withdrawn" }, 200);
        (withdrawn.GetProperty("result").GetProperty("status").GetString(), withdrawn.GetProperty("result").GetProperty("reason").GetString())
            .Should().Be(("rejected", "withdrawn_after_dispute"));
    }

    private async Task SettleAsync()
    {
        // A statement the manufacturer refuses: its items are released for the next one.
        var rejected = await Expect(WhlStaff, ProposeSettlement, [], SettlementBody(RejectedSettlementId, Manufacturer), 201);
        rejected.GetProperty("result").GetProperty("invoiceIds").EnumerateArray().Select(i => i.GetString()).Should().Equal(InvoiceId);
        (await Expect(MfrStaff, RejectSettlement, [RejectedSettlementId], null, 200)).GetProperty("result").GetProperty("status").GetString().Should().Be("rejected");
        (await Read(PharmNone, GetInvoice, InvoiceId)).GetProperty("status").GetString().Should().Be("open", "a rejected statement releases its invoices");

        var proposed = await Expect(MfrStaff, ProposeSettlement, [], SettlementBody(SettlementId, Wholesaler), 201);
        proposed.GetProperty("result").GetProperty("invoiceIds").EnumerateArray().Select(i => i.GetString()).Should().Equal(InvoiceId);
        var line = proposed.GetProperty("result").GetProperty("chargebackLines").EnumerateArray().Should().ContainSingle("line 2 was withdrawn").Subject;
        (line.GetProperty("claimId").GetString(), line.GetProperty("lineNumber").GetInt32()).Should().Be((ClaimId, 1));
        var settlement = await Read(PharmNone, GetSettlement, SettlementId);
        settlement.GetProperty("status").GetString().Should().Be("proposed");
        settlement.GetRawText().Should().NotContain("netAmount", "totals are private");
        var totals = (await Read(WhlStaff, GetSettlementTotals, SettlementId)).GetProperty("record");
        (totals.GetProperty("invoiceTotal").GetInt64(), totals.GetProperty("chargebackTotal").GetInt64(), totals.GetProperty("netAmount").GetInt64())
            .Should().Be((InvoiceTotal, AcceptedChargeback, InvoiceTotal - AcceptedChargeback));
        (totals.GetProperty("payer").GetString(), totals.GetProperty("payee").GetString()).Should().Be((Wholesaler, Manufacturer));

        (await Expect(WhlStaff, ApproveSettlement, [SettlementId], null, 200)).GetProperty("result").GetProperty("status").GetString().Should().Be("proposed");
        await Refused(WhlStaff, ApproveSettlement, [SettlementId], null, 409, "conflict", "already approved");
        (await Expect(MfrStaff, ApproveSettlement, [SettlementId], null, 200)).GetProperty("result").GetProperty("status").GetString().Should().Be("approved");
        await Refused(WhlStaff, MarkSettlementPaid, [SettlementId], null, 403, "forbidden", "Only the payee");
        (await Expect(MfrStaff, MarkSettlementPaid, [SettlementId], null, 200)).GetProperty("result").GetProperty("status").GetString().Should().Be("paid");

        (await Read(WhlNone, GetInvoice, InvoiceId)).GetProperty("status").GetString().Should().Be("paid");
        (await Read(WhlNone, GetClaim, ClaimId)).GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("status").GetString()).Should().Equal("paid", "rejected");
    }

    private async Task RecallAsync()
    {
        var recall = await Expect(MfrStaff, RecallLot, [], new { gtin = Product.Gtin, lot = Lot, recallClass = "II" }, 201);
        // Every unit of the lot that is active, in transit or returned: all but the dispensed SN04 and the destroyed SN09.
        recall.GetProperty("result").GetProperty("unitsAffected").GetInt32().Should().Be(Serials.Length - 2);
        (await Read(PharmNone, GetRecall, Product.Gtin, Lot)).GetProperty("recallClass").GetString().Should().Be("II");
        var unit = await Read(WhlNone, VerifyUnit, Product.Gtin, Serials[5]);
        (unit.GetProperty("recalled").GetBoolean(), unit.GetProperty("status").GetString()).Should().Be((true, "recalled"));
    }
}
