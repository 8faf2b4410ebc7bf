using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Testing;
using FluentAssertions;
using PharmaSettlement.Contracts;
using PharmaSettlement.Domain;

namespace PharmaSettlement.Tests.Contracts;

/// <summary>A fixed clock for transaction timestamps, moved by the tests.</summary>
internal sealed class ManualTime : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The pharma-settlement chaincode on an in-memory stub, called as staff of the three organizations with Fabric CA
/// role attributes, with helpers for the usual set-up steps. The stub refuses what a Fabric peer's transaction simulator
/// refuses, so a transaction a peer would refuse to simulate fails here too.
/// </summary>
internal sealed class PharmaNetwork
{
    public const string Manufacturer = "ManufacturerMSP";
    public const string Wholesaler = "WholesalerMSP";
    public const string Pharmacy = "PharmacyMSP";
    public const string Outsider = "OutsiderMSP";
    public const string PricingCollection = "manufacturerWholesalerPricing";

    /// <summary>GTIN of NDC 12345-678-90.</summary>
    public const string Gtin = "00312345678906";
    public const string ProductNdc = "12345-678-90";
    public const string CustomerGln = "0614141000012";
    public const string Salt = "AAECAwQFBgcICQoLDA0ODw==";

    private static readonly ConcurrentDictionary<(string, string), X509Certificate2> Certificates = new();

    public PharmaNetwork()
    {
        Stub = new InMemoryChaincodeStub("pharma", Time) { ChaincodeName = "pharma-settlement" };
        Stub.DefineCollections(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "collections", "pharma-settlement.json")));
        Chaincode = ContractChaincode.Create(
            typeof(ConfigurationContract), typeof(ProductsContract), typeof(UnitsContract), typeof(ShipmentsContract), typeof(RecallsContract),
            typeof(PricingContract), typeof(ChargebacksContract), typeof(InvoicesContract), typeof(SettlementsContract));
    }

    public ManualTime Time { get; } = new();

    public InMemoryChaincodeStub Stub { get; }

    public ContractChaincode Chaincode { get; }

    public DateOnly Today => DateOnly.FromDateTime(Time.Now.UtcDateTime);

    /// <summary>Invokes a transaction as a client of <paramref name="mspId"/> whose certificate says role=<paramref name="role"/>.</summary>
    public async Task<ChaincodeResponse> InvokeAsync(
        string mspId, string? role, string function, object?[] args, IReadOnlyDictionary<string, object>? transient = null)
    {
        var certificate = Certificates.GetOrAdd((mspId, role ?? string.Empty), key => TestIdentities.CreateCertificate(
            $"{key.Item2}@{key.Item1}", role is null ? null : new Dictionary<string, string> { ["role"] = role }));
        Stub.SetCreator(mspId, certificate);
        Stub.TransientData.Clear();
        foreach (var (key, value) in transient ?? new Dictionary<string, object>())
        {
            Stub.TransientData[key] = Encode(value);
        }

        Stub.StartTransaction();
        var response = await Stub.InvokeAsync(Chaincode, [Encoding.UTF8.GetBytes(function), .. args.Select(Encode)]);
        Stub.TransientData.Clear();
        return response;
    }

    /// <summary>Invokes and requires success; returns the payload read as <typeparamref name="T"/>.</summary>
    public async Task<T> CallAsync<T>(string mspId, string role, string function, object?[] args, IReadOnlyDictionary<string, object>? transient = null)
    {
        var response = await InvokeAsync(mspId, role, function, args, transient);
        response.IsSuccess.Should().BeTrue($"{function} should succeed, but answered {response.Status}: {response.Message}");
        return JsonSerializer.Deserialize<T>(response.Payload.Span, ChaincodeJson.Options)!;
    }

    public async Task CallAsync(string mspId, string role, string function, object?[] args, IReadOnlyDictionary<string, object>? transient = null)
    {
        var response = await InvokeAsync(mspId, role, function, args, transient);
        response.IsSuccess.Should().BeTrue($"{function} should succeed, but answered {response.Status}: {response.Message}");
    }

    /// <summary>The event of the last committed transaction, as JSON.</summary>
    public (string Name, JsonElement Payload) LastEvent()
    {
        var recorded = Stub.Events[^1];
        return (recorded.Name, JsonDocument.Parse(recorded.Payload).RootElement.Clone());
    }

    public string? State(string key) => Stub.State.TryGetValue(key, out var value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>Everything readable on the channel: public state values and every event payload.</summary>
    public string PublicLedgerText() =>
        string.Join('\n', Stub.State.Select(kv => kv.Key + "=" + Encoding.UTF8.GetString(kv.Value))
            .Concat(Stub.Events.Select(e => e.Name + ":" + Encoding.UTF8.GetString(e.Payload.Span))));

    // ---- Set-up steps ----

    public Task ConfigureAsync() => CallAsync(Manufacturer, StaffRole.Admin, "Configuration:Initialize",
        [new PharmaConfiguration([Manufacturer], [Wholesaler], [Pharmacy], PricingCollection)]);

    public Task RegisterProductAsync(string gtin = Gtin, string ndc = ProductNdc) => CallAsync(Manufacturer, StaffRole.Serialization, "Products:Register",
        [new ProductRegistration(gtin, ndc, "Amoxicillin", "500 mg", "capsule")]);

    public Task CommissionAsync(string lot, params string[] serials) => CallAsync(Manufacturer, StaffRole.Serialization, "Units:Commission",
        [Gtin, lot, new DateOnly(2028, 1, 31), serials]);

    public Task<Shipment> ShipAsync(string from, string shipmentId, string to, string[] serials, string[]? cases = null, bool isReturn = false) =>
        CallAsync<Shipment>(from, StaffRole.Shipping, "Shipments:Ship",
            [new ShipmentRequest(shipmentId, to, isReturn, serials.Select(s => new UnitRef(Gtin, s)).ToArray(), cases)]);

    public Task<Shipment> ReceiveAsync(string receiver, string shipmentId) =>
        CallAsync<Shipment>(receiver, StaffRole.Shipping, "Shipments:Receive", [shipmentId]);

    public Task SetWacAsync(long price, DateOnly effectiveFrom, string currency = "USD") => CallAsync(Manufacturer, StaffRole.Pricing, "Pricing:SetWac", [],
        new Dictionary<string, object> { ["wac"] = new WacProposal(Gtin, currency, price, effectiveFrom, Salt) });

    public static PriceContractProposal Contract(string contractId = "C-1", long contractPrice = 7_500) => new(
        contractId, Wholesaler, Pharmacy, [CustomerGln], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "USD",
        [new ContractLine(Gtin, contractPrice)], Salt);

    public Task PublishContractAsync(PriceContractProposal? contract = null) => CallAsync(Manufacturer, StaffRole.Pricing, "Pricing:PublishContract", [],
        new Dictionary<string, object> { ["contract"] = contract ?? Contract() });

    public Task RecordSaleAsync(string saleId, int quantity, long unitPrice = 7_500, string contractId = "C-1", string customer = CustomerGln, DateOnly? date = null) =>
        CallAsync(Wholesaler, StaffRole.Sales, "Chargebacks:RecordSale", [], new Dictionary<string, object>
        {
            ["sale"] = new SaleProposal(saleId, contractId, customer, date ?? Today, "USD", [new SaleLine(Gtin, quantity, unitPrice)], Salt),
        });

    public Task<ChargebackClaim> SubmitClaimAsync(string claimId, params ClaimLineInput[] lines) =>
        CallAsync<ChargebackClaim>(Wholesaler, StaffRole.Chargebacks, "Chargebacks:SubmitClaim", [],
            new Dictionary<string, object> { ["claim"] = new ClaimProposal(claimId, Manufacturer, "USD", lines, Salt) });

    /// <summary>Configuration, product, WAC, contract, and <paramref name="units"/> units shipped to and received by the wholesaler.</summary>
    public async Task PrepareTradeAsync(int units = 10)
    {
        await ConfigureAsync();
        await RegisterProductAsync();
        await SetWacAsync(10_000, new DateOnly(2026, 1, 1));
        await PublishContractAsync();
        var serials = Enumerable.Range(1, units).Select(i => $"SN{i:D4}").ToArray();
        await CommissionAsync("LOT1", serials);
        await ShipAsync(Manufacturer, "SH-1", Wholesaler, serials);
        await ReceiveAsync(Wholesaler, "SH-1");
    }

    private static byte[] Encode(object? value) => value switch
    {
        null => [],
        string text => Encoding.UTF8.GetBytes(text),
        byte[] bytes => bytes,
        _ => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ChaincodeJson.Options),
    };
}
