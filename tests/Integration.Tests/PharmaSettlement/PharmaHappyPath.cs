using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using static Integration.Tests.PharmaSettlement.PrivatePrices;

namespace Integration.Tests.PharmaSettlement;

/// <summary>What a finished run leaves for further checks: the last block it wrote and what must never be public.</summary>
internal sealed record HappyPathOutcome(ulong FirstBlock, ulong LastBlock, IReadOnlyList<string> Secrets, int BlocksScanned, long BytesScanned);

/// <summary>
/// The happy path of docs/pharma-settlement.md through real peers: commission -> pack -> ship -> receive -> invoice ->
/// sell under contract -> chargeback (one line accepted, one rejected for price_mismatch) -> settlement netted,
/// approved and paid; with refusals at the points where they belong, the chaincode events of every step, and the
/// privacy checks (the pharmacy's peer holds no pricing data; no price in any block).
/// </summary>
internal sealed partial class PharmaHappyPath
{
    private const string Manufacturer = "ManufacturerMSP";
    private const string Wholesaler = "WholesalerMSP";
    private const string Pharmacy = "PharmacyMSP";
    private const string PricingCollection = "manufacturerWholesalerPricing";
    private static readonly string[] PricingParties = [Manufacturer, Wholesaler];

    // A contract's terms are also written to the customer's implicit collection, whose writes Fabric validates
    // against the customer organization's own Endorsement policy: the customer's peer must endorse too.
    private static readonly string[] ContractParties = [Manufacturer, Wholesaler, Pharmacy];

    private readonly FabricTestNetwork _network;
    private readonly string _currency;
    private readonly CancellationToken _cancellationToken;
    private readonly DateOnly _today;
    private readonly string _salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
    private readonly (string Gtin, string Ndc) _product = Gs1Keys.NewDrugProduct();
    private readonly string _caseId = Gs1Keys.NewSscc();
    private readonly string _customerGln = Gs1Keys.NewGln();
    private readonly string _contractId = UniqueIds.New("C");
    private readonly string _shipmentId = UniqueIds.New("SH");
    private readonly string _invoiceId = UniqueIds.New("INV");
    private readonly string _firstSaleId = UniqueIds.New("S1");
    private readonly string _secondSaleId = UniqueIds.New("S2");
    private readonly string _claimId = UniqueIds.New("CB");
    private readonly string _settlementId = UniqueIds.New("ST");
    private readonly string[] _serials = ["SN0001", "SN0002", "SN0003", "SN0004", "SN0005", "SN0006"];

    /// <summary>Each committed transaction of the run and the event it must have emitted.</summary>
    private readonly List<(Committed Transaction, string EventName)> _expectedEvents = [];

    private PharmaStaff _admin = null!;
    private PharmaStaff _manufacturer = null!;
    private PharmaStaff _wholesaler = null!;
    private PharmaStaff _pharmacist = null!;

    private PharmaHappyPath(FabricTestNetwork network, string currency, TimeProvider time, CancellationToken cancellationToken)
    {
        _network = network;
        _currency = currency;
        _cancellationToken = cancellationToken;
        _today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    /// <param name="currency">
    /// The currency of every price. A settlement nets every open item of the pair in its currency, so on a ledger that
    /// outlives the run (real Fabric) a run-specific currency keeps items of an earlier, interrupted run out of it.
    /// </param>
    public static async Task<HappyPathOutcome> RunAsync(
        FabricTestNetwork network, string currency, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var run = new PharmaHappyPath(network, currency, time, cancellationToken);
        await run.EnrollStaffAsync();
        await run.ConfigureAsync();
        await run.ProductAndPricesAsync();
        await run.CommissionPackShipReceiveAsync();
        await run.SellAndClaimAsync();
        await run.SettleAsync();
        await run.RecallAsync();
        await run.CheckPricingCollectionIsClosedToThePharmacyPeerAsync();
        await run.CheckEventsAsync();
        return await run.CheckNoSecretInAnyBlockAsync();
    }

    private async Task EnrollStaffAsync()
    {
        var staff = await Task.WhenAll(
            Enroll(Manufacturer, "mfr-admin", "admin"),
            Enroll(Manufacturer, "mfr-staff", "serialization,shipping,quality,pricing,finance,chargebacks"),
            Enroll(Wholesaler, "whl-staff", "shipping,sales,chargebacks,finance"),
            Enroll(Pharmacy, "pharm-staff", "shipping,pharmacist"));
        (_admin, _manufacturer, _wholesaler, _pharmacist) = (staff[0], staff[1], staff[2], staff[3]);

        async Task<PharmaStaff> Enroll(string mspId, string name, string roles) => new(_network, await _network.EnrollAsync(
            mspId, UniqueIds.New(name), new Dictionary<string, string> { ["role"] = roles }, cancellationToken: _cancellationToken));
    }

    // Step 1.
    private async Task ConfigureAsync()
    {
        var configuration = JsonSerializer.Serialize(new
        {
            manufacturers = new[] { Manufacturer },
            wholesalers = new[] { Wholesaler },
            dispensers = new[] { Pharmacy },
            pricingCollection = PricingCollection,
        });
        Task<Committed> Initialize() => Submit(_admin, "Configuration:Initialize", [configuration]);

        try
        {
            var initialized = await Initialize();
            initialized.Result.GetProperty("pricingCollection").GetString().Should().Be(PricingCollection);
            Expect(initialized, "ConfigurationChanged");
        }
        catch (EndorseException error) when (!_network.IsEmbedded && error.Details.All(d => d.Message.Contains("already configured", StringComparison.Ordinal)))
        {
            // A real network keeps its ledger: an earlier run configured it.
        }

        // A configured chaincode refuses a second Initialize: wrong state.
        await Refused(Initialize, 409, "already configured");
    }

    // Steps 2 to 4, with refusals for the wrong organization and the wrong staff role.
    private async Task ProductAndPricesAsync()
    {
        var registration = JsonSerializer.Serialize(new
        {
            gtin = _product.Gtin, ndc = _product.Ndc, name = "Amoxicillin", strength = "500 mg", dosageForm = "capsule",
        });
        await Refused(() => Submit(_pharmacist, "Products:Register", [registration]), 403, "Organization PharmacyMSP is not a manufacturer");
        await Refused(() => Submit(_admin, "Products:Register", [registration]), 403, "needs role=serialization");

        var product = await Submit(_manufacturer, "Products:Register", [registration]);
        product.Result.GetProperty("gtin").GetString().Should().Be(_product.Gtin);
        product.Result.GetProperty("ndc").GetString().Should().Be(_product.Ndc);
        Expect(product, "ProductRegistered");

        var wac = await Submit(_manufacturer, "Pricing:SetWac", [], new Dictionary<string, object>
        {
            ["wac"] = new { gtin = _product.Gtin, currency = _currency, price = Wac, effectiveFrom = _today.AddDays(-30), salt = _salt },
        }, PricingParties);
        wac.Result.GetProperty("priceHash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        Expect(wac, "WacSet");

        await Refused(() => Submit(_wholesaler, "Pricing:PublishContract", [], ContractTransient(), ContractParties),
            403, "Organization WholesalerMSP is not a manufacturer");
        var contract = await Submit(_manufacturer, "Pricing:PublishContract", [], ContractTransient(), ContractParties);
        contract.Result.GetProperty("contractId").GetString().Should().Be(_contractId);
        contract.Result.GetProperty("customerMsp").GetString().Should().Be(Pharmacy);
        contract.Result.GetProperty("termsHash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        Expect(contract, "ContractPublished");
    }

    private Dictionary<string, object> ContractTransient() => new()
    {
        ["contract"] = new
        {
            contractId = _contractId,
            wholesaler = Wholesaler,
            customerMsp = Pharmacy,
            eligibleCustomers = new[] { _customerGln },
            validFrom = _today.AddDays(-30),
            validTo = _today.AddDays(335),
            currency = _currency,
            lines = new[] { new { gtin = _product.Gtin, contractPrice = ContractPrice } },
            salt = _salt,
        },
    };

    // Steps 5 to 9.
    private async Task CommissionPackShipReceiveAsync()
    {
        var expiry = _today.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var commissioned = await Submit(_manufacturer, "Units:Commission", [_product.Gtin, "LOT1", expiry, Json(_serials)]);
        commissioned.Result.EnumerateArray().Select(u => u.GetProperty("status").GetString()).Should().Equal(Enumerable.Repeat("active", 6));
        Expect(commissioned, "UnitsCommissioned");

        var packed = await Submit(_manufacturer, "Units:Pack", [_caseId, Json(_serials[..3].Select(Unit))]);
        packed.Result.GetProperty("units").GetArrayLength().Should().Be(3);
        Expect(packed, "CasePacked");

        var shipment = Json(new { shipmentId = _shipmentId, to = Wholesaler, isReturn = false, units = _serials[3..].Select(Unit), cases = new[] { _caseId } });
        var shipped = await Submit(_manufacturer, "Shipments:Ship", [shipment]);
        shipped.Result.GetProperty("status").GetString().Should().Be("in_transit");
        var line = shipped.Result.GetProperty("lines").EnumerateArray().Should().ContainSingle().Subject;
        line.GetProperty("quantity").GetInt32().Should().Be(UnitsShipped);
        line.GetProperty("lot").GetString().Should().Be("LOT1");
        Expect(shipped, "ShipmentShipped");
        await VerifyUnitAsync(_serials[0], Manufacturer, "in_transit");

        // Only the receiver confirms receipt.
        await Refused(() => Submit(_pharmacist, "Shipments:Receive", [_shipmentId]), 403, "Only the receiver");
        var received = await Submit(_wholesaler, "Shipments:Receive", [_shipmentId]);
        received.Result.GetProperty("status").GetString().Should().Be("received");
        received.Result.GetProperty("acceptedUnits").GetArrayLength().Should().Be(UnitsShipped);
        received.Result.GetProperty("refusedUnits").GetArrayLength().Should().Be(0);
        Expect(received, "ShipmentReceived");
        await VerifyUnitAsync(_serials[0], Wholesaler, "active");
        await VerifyUnitAsync(_serials[5], Wholesaler, "active");

        var invoice = await Submit(_manufacturer, "Invoices:Issue", [_invoiceId, _shipmentId, _currency], new Dictionary<string, object> { ["salt"] = _salt }, PricingParties);
        invoice.Result.GetProperty("status").GetString().Should().Be("open");
        invoice.Result.GetProperty("buyer").GetString().Should().Be(Wholesaler);
        Expect(invoice, "InvoiceIssued");
        var invoiceAmounts = await _wholesaler.EvaluateAsync("Invoices:GetAmounts", [_invoiceId], cancellationToken: _cancellationToken);
        invoiceAmounts.GetProperty("record").GetProperty("total").GetInt64().Should().Be(InvoiceTotal);
    }

    private async Task VerifyUnitAsync(string serial, string owner, string status)
    {
        var unit = await _pharmacist.EvaluateAsync("Units:Verify", [_product.Gtin, serial], cancellationToken: _cancellationToken);
        unit.GetProperty("exists").GetBoolean().Should().BeTrue();
        unit.GetProperty("owner").GetString().Should().Be(owner);
        unit.GetProperty("status").GetString().Should().Be(status);
    }

    // Steps 10 and 11.
    private async Task SellAndClaimAsync()
    {
        foreach (var (saleId, quantity) in new[] { (_firstSaleId, FirstSaleQuantity), (_secondSaleId, SecondSaleQuantity) })
        {
            var sale = await Submit(_wholesaler, "Chargebacks:RecordSale", [], new Dictionary<string, object>
            {
                ["sale"] = new
                {
                    saleId, contractId = _contractId, customerGln = _customerGln, saleDate = _today, currency = _currency,
                    lines = new[] { new { gtin = _product.Gtin, quantity, unitPrice = ContractPrice } }, salt = _salt,
                },
            }, PricingParties);
            sale.Result.GetProperty("saleId").GetString().Should().Be(saleId);
            sale.Result.GetProperty("hash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
            Expect(sale, "SaleRecorded");
        }

        var claimed = await Submit(_wholesaler, "Chargebacks:SubmitClaim", [], new Dictionary<string, object>
        {
            ["claim"] = new
            {
                claimId = _claimId, manufacturer = Manufacturer, currency = _currency, salt = _salt,
                lines = new[]
                {
                    new { lineNumber = 1, saleId = _firstSaleId, gtin = _product.Gtin, quantity = FirstSaleQuantity, wac = Wac, contractPrice = ContractPrice, amount = AcceptedAmount },
                    new { lineNumber = 2, saleId = _secondSaleId, gtin = _product.Gtin, quantity = SecondSaleQuantity, wac = Wac, contractPrice = WrongContractPrice, amount = RejectedAmount },
                },
            },
        }, PricingParties);
        ClaimDecisions(claimed.Result).Should().Equal(("accepted", null), ("rejected", "price_mismatch"));
        Expect(claimed, "ChargebackDecided");
        var amounts = await _manufacturer.EvaluateAsync("Chargebacks:GetClaimAmounts", [_claimId], cancellationToken: _cancellationToken);
        amounts.GetProperty("record").GetProperty("lines")[0].GetProperty("amount").GetInt64().Should().Be(AcceptedAmount);
    }

    private static IEnumerable<(string? Status, string? Reason)> ClaimDecisions(JsonElement claim) =>
        claim.GetProperty("lines").EnumerateArray().Select(l => (
            l.GetProperty("status").GetString(),
            l.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null));

    // Steps 12 to 14, with the wrong-state and business-rule refusals of settlement.
    private async Task SettleAsync()
    {
        var period = new[] { _today.AddDays(-1), _today.AddDays(1) }.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        Task<Committed> Propose(string settlementId) => Submit(_wholesaler, "Settlements:Propose", [settlementId, Manufacturer, period[0], period[1], _currency],
            new Dictionary<string, object> { ["salt"] = _salt }, PricingParties);

        var proposed = await Propose(_settlementId);
        proposed.Result.GetProperty("status").GetString().Should().Be("proposed");
        proposed.Result.GetProperty("invoiceIds").EnumerateArray().Select(i => i.GetString()).Should().Equal(_invoiceId);
        var item = proposed.Result.GetProperty("chargebackLines").EnumerateArray().Should().ContainSingle().Subject;
        (item.GetProperty("claimId").GetString(), item.GetProperty("lineNumber").GetInt32()).Should().Be((_claimId, 1));
        Expect(proposed, "SettlementProposed");

        foreach (var party in new[] { _wholesaler, _manufacturer })
        {
            var totals = (await party.EvaluateAsync("Settlements:GetTotals", [_settlementId], cancellationToken: _cancellationToken)).GetProperty("record");
            totals.GetProperty("invoiceTotal").GetInt64().Should().Be(InvoiceTotal);
            totals.GetProperty("chargebackTotal").GetInt64().Should().Be(AcceptedAmount);
            totals.GetProperty("netAmount").GetInt64().Should().Be(NetAmount);
            totals.GetProperty("payer").GetString().Should().Be(Wholesaler);
            totals.GetProperty("payee").GetString().Should().Be(Manufacturer);
        }

        await Refused(() => Submit(_manufacturer, "Settlements:MarkPaid", [_settlementId], endorsers: PricingParties), 409, "only an approved settlement can be paid");
        await Refused(() => Submit(_manufacturer, "Chargebacks:DisputeLine", [_claimId, "1", "other"]), 409, "only accepted lines not yet in a settlement can be disputed");

        var first = await Submit(_wholesaler, "Settlements:Approve", [_settlementId]);
        first.Result.GetProperty("status").GetString().Should().Be("proposed");
        Expect(first, "SettlementApproved");
        await Refused(() => Submit(_wholesaler, "Settlements:Approve", [_settlementId]), 409, "already approved");
        var second = await Submit(_manufacturer, "Settlements:Approve", [_settlementId]);
        second.Result.GetProperty("status").GetString().Should().Be("approved");
        Expect(second, "SettlementApproved");

        await Refused(() => Submit(_wholesaler, "Settlements:MarkPaid", [_settlementId], endorsers: PricingParties), 403, "Only the payee");
        var paid = await Submit(_manufacturer, "Settlements:MarkPaid", [_settlementId], endorsers: PricingParties);
        paid.Result.GetProperty("status").GetString().Should().Be("paid");
        Expect(paid, "SettlementPaid");

        (await _wholesaler.EvaluateAsync("Invoices:Get", [_invoiceId], cancellationToken: _cancellationToken)).GetProperty("status").GetString().Should().Be("paid");
        var claim = await _wholesaler.EvaluateAsync("Chargebacks:GetClaim", [_claimId], cancellationToken: _cancellationToken);
        claim.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("status").GetString()).Should().Equal("paid", "rejected");

        // Nothing is left to net: a business rule, not a state or permission problem.
        await Refused(() => Propose(UniqueIds.New("ST")), 422, "nothing to settle");
    }

    // A recall by lot stops every unit of it (DSCSA): the wholesaler can no longer ship the units on to the pharmacy.
    private async Task RecallAsync()
    {
        var recalled = await Submit(_manufacturer, "Recalls:RecallLot", [_product.Gtin, "LOT1", "II"]);
        recalled.Result.GetProperty("unitsAffected").GetInt32().Should().Be(UnitsShipped);
        Expect(recalled, "LotRecalled");
        var unit = await _pharmacist.EvaluateAsync("Units:Verify", [_product.Gtin, _serials[3]], cancellationToken: _cancellationToken);
        unit.GetProperty("recalled").GetBoolean().Should().BeTrue();
        unit.GetProperty("status").GetString().Should().Be("recalled");

        var onward = Json(new { shipmentId = UniqueIds.New("SH"), to = Pharmacy, isReturn = false, units = new[] { Unit(_serials[3]) }, cases = Array.Empty<string>() });
        await Refused(() => Submit(_wholesaler, "Shipments:Ship", [onward]), 422, $"unit {_product.Gtin}/{_serials[3]} is refused: its lot is recalled");
    }

    private async Task<Committed> Submit(
        PharmaStaff staff, string transaction, string[] arguments, IReadOnlyDictionary<string, object>? transient = null, string[]? endorsers = null) =>
        await staff.SubmitAsync(transaction, arguments, transient, endorsers, _cancellationToken);

    private void Expect(Committed transaction, string eventName) => _expectedEvents.Add((transaction, eventName));

    /// <summary>A submit the chaincode refuses at endorsement: every endorser that answered says the same status and wording.</summary>
    private static async Task Refused(Func<Task> call, int status, string wording)
    {
        var error = (await call.Should().ThrowAsync<EndorseException>()).Which;
        AssertChaincodeRefusal(error, status, wording);
    }

    private static async Task EvaluateRefused(Func<Task> call, int status, string wording)
    {
        var error = (await call.Should().ThrowAsync<GatewayException>()).Which;
        AssertChaincodeRefusal(error, status, wording);
    }

    private static void AssertChaincodeRefusal(GatewayException error, int status, string wording)
    {
        error.Details.Should().NotBeEmpty("the gateway names each endorser that refused");
        error.Details.Should().OnlyContain(d => d.Message.StartsWith($"chaincode response {status}, ", StringComparison.Ordinal), error.Message);
        error.Details.Should().OnlyContain(d => d.Message.Contains(wording, StringComparison.Ordinal), error.Message);
    }

    private object Unit(string serial) => new { gtin = _product.Gtin, serial };

    private static string Json(object value) => JsonSerializer.Serialize(value, PharmaStaff.Json);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
