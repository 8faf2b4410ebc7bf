using System.Globalization;
using System.Text.Json;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Integration.Tests.PharmaSettlement;
using static Integration.Tests.RestGateway.Pharma.PharmaRoles;
using static Integration.Tests.RestGateway.Pharma.PharmaRoutes;

namespace Integration.Tests.RestGateway.Pharma;

/// <summary>
/// The pharma business flows driven over HTTP through the real REST gateway, leaving a ledger state that the refusal
/// table and the authorization matrix then probe: every unit, case, shipment, claim line and settlement of the run sits
/// in a known state (see <see cref="PrepareAsync"/>). IDs are run-unique and the currency is the run's own, so the
/// run neither sees nor nets anything of another run or test.
/// </summary>
internal sealed partial class PharmaRestScenario : IAsyncDisposable
{
    public const long Wac = 12_347;
    public const long ContractPrice = 9_181;
    public const int UnitsReceivedByWholesaler = 8;
    public const int FirstSaleQuantity = 4;
    public const int SecondSaleQuantity = 2;
    public const long InvoiceTotal = Wac * UnitsReceivedByWholesaler;
    public const long AcceptedChargeback = (Wac - ContractPrice) * FirstSaleQuantity;

    /// <summary>Serials SN01..SN12 of lot <see cref="Lot"/>; what happens to each is told in <see cref="PrepareAsync"/>.</summary>
    public static readonly string[] Serials = Enumerable.Range(1, 12).Select(i => $"SN{i:00}").ToArray();

    private readonly CancellationToken _cancellationToken;

    private PharmaRestScenario(FabricTestNetwork network, PharmaRest rest, TimeProvider time, CancellationToken cancellationToken)
    {
        Network = network;
        Rest = rest;
        _cancellationToken = cancellationToken;
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    public FabricTestNetwork Network { get; }

    public PharmaRest Rest { get; }

    public DateOnly Today { get; }

    /// <summary>A three-letter code of the ISO 4217 "X" range for this run only: settlements net every open item of a pair in a currency.</summary>
    public string Currency { get; } = "X" + (char)('A' + Random.Shared.Next(26)) + (char)('A' + Random.Shared.Next(26));

    public (string Gtin, string Ndc) Product { get; } = Gs1Keys.NewDrugProduct();

    public string Lot { get; } = "L" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public string CustomerGln { get; } = Gs1Keys.NewGln();

    /// <summary>SN01-03: shipped to and received by the wholesaler.</summary>
    public string ReceivedCase { get; } = Gs1Keys.NewSscc();

    /// <summary>SN10-11: shipped to the wholesaler in <see cref="PendingShipmentId"/>, never received.</summary>
    public string InTransitCase { get; } = Gs1Keys.NewSscc();

    /// <summary>Packed with SN12 and unpacked again: the case no longer exists.</summary>
    public string UnpackedCase { get; } = Gs1Keys.NewSscc();

    public string ContractId { get; } = UniqueIds.New("PC");

    /// <summary>Manufacturer to wholesaler: the received case and SN04-08, received.</summary>
    public string ShipmentId { get; } = UniqueIds.New("SH");

    public string PendingShipmentId { get; } = UniqueIds.New("SHP");

    /// <summary>Wholesaler to pharmacy: SN04 (dispensed there) and SN05.</summary>
    public string PharmacyShipmentId { get; } = UniqueIds.New("SHF");

    /// <summary>The pharmacy returns SN05 to the wholesaler, which reinstates it.</summary>
    public string ReturnShipmentId { get; } = UniqueIds.New("SHR");

    public string InvoiceId { get; } = UniqueIds.New("INV");

    public string FirstSaleId { get; } = UniqueIds.New("S1");

    public string SecondSaleId { get; } = UniqueIds.New("S2");

    /// <summary>Line 1 accepted then paid; line 2 accepted, disputed, withdrawn (rejected).</summary>
    public string ClaimId { get; } = UniqueIds.New("CB");

    /// <summary>Proposed by the wholesaler, rejected by the manufacturer.</summary>
    public string RejectedSettlementId { get; } = UniqueIds.New("STR");

    /// <summary>Proposed by the manufacturer, approved by both, paid.</summary>
    public string SettlementId { get; } = UniqueIds.New("ST");

    public DateOnly WacEffectiveFrom => Today.AddDays(-30);

    public DateOnly Expiry => Today.AddYears(2);

    /// <summary>True when this run found the chaincode unconfigured and configured it (always on a fresh dev network).</summary>
    public bool ConfiguredByThisRun { get; private set; }

    /// <summary>How long each part of the preparation took (enrolment, then each flow), for the test output.</summary>
    public List<string> Timings { get; } = [];

    /// <summary>The authorization cells of <c>POST /api/pharma/configuration</c>, observable only around the first configuration.</summary>
    public List<string> InitializeMismatches { get; } = [];

    public static object Configuration { get; } = new
    {
        manufacturers = new[] { Manufacturer },
        wholesalers = new[] { Wholesaler },
        dispensers = new[] { Pharmacy },
        pricingCollection = PharmaNetwork.PricingCollection,
    };

    /// <summary>Enrolls every role, starts the gateway for them and walks the business flows (see the partial file).</summary>
    public static async Task<PharmaRestScenario> PrepareAsync(FabricTestNetwork network, TimeProvider time, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var users = await EnrollAsync(network, cancellationToken);
        var enrolled = clock.Elapsed;
        var host = RestGatewayHost.Start(network, PharmaNetwork.Name, PharmaNetwork.Channel, PharmaNetwork.Chaincode, users);
        var scenario = new PharmaRestScenario(network, new PharmaRest(network, host, users), time, cancellationToken);
        scenario.Timings.Add($"enrolment of {users.Count} users {enrolled.TotalSeconds:F1} s");
        try
        {
            await scenario.RunFlowsAsync();
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Rest.DisposeAsync();

    /// <summary>
    /// The run's private values (prices, amounts, the customer's location) found in <paramref name="answer"/>. Amounts
    /// count only as JSON numbers, so that a hash or an ID that happens to contain the digits is not taken for one.
    /// </summary>
    public IReadOnlyList<string> PrivateValuesIn(Answer answer)
    {
        var text = answer.Body.GetRawText();
        long[] amounts = [Wac, ContractPrice, InvoiceTotal, AcceptedChargeback, (Wac - ContractPrice) * SecondSaleQuantity, InvoiceTotal - AcceptedChargeback];
        return amounts
            .Where(amount => System.Text.RegularExpressions.Regex.IsMatch(text, $@"[:\[,]\s*{amount}\s*[,\]}}]"))
            .Select(amount => amount.ToString(CultureInfo.InvariantCulture))
            .Concat(text.Contains(CustomerGln, StringComparison.Ordinal) ? [CustomerGln] : [])
            .ToList();
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public object Unit(string serial) => new { gtin = Product.Gtin, serial };

    public object ContractBody(string contractId, string customerMsp) => new
    {
        contractId, wholesaler = Wholesaler, customerMsp, eligibleCustomers = new[] { CustomerGln },
        validFrom = WacEffectiveFrom, validTo = Today.AddDays(335), currency = Currency,
        lines = new[] { new { gtin = Product.Gtin, contractPrice = ContractPrice } },
    };

    public object SaleBody(string saleId, int quantity, DateOnly saleDate) => new
    {
        saleId, contractId = ContractId, customerGln = CustomerGln, saleDate, currency = Currency,
        lines = new[] { new { gtin = Product.Gtin, quantity, unitPrice = ContractPrice } },
    };

    public object ClaimBody(string claimId, string manufacturer) => new
    {
        claimId, manufacturer, currency = Currency,
        lines = new[]
        {
            new { lineNumber = 1, saleId = FirstSaleId, gtin = Product.Gtin, quantity = FirstSaleQuantity, wac = Wac, contractPrice = ContractPrice, amount = (Wac - ContractPrice) * FirstSaleQuantity },
            new { lineNumber = 2, saleId = SecondSaleId, gtin = Product.Gtin, quantity = SecondSaleQuantity, wac = Wac, contractPrice = ContractPrice, amount = (Wac - ContractPrice) * SecondSaleQuantity },
        },
    };

    public object SettlementBody(string settlementId, string counterparty) => new
    {
        settlementId, counterparty, periodStart = Today.AddDays(-1), periodEnd = Today.AddDays(1), currency = Currency,
    };

    private Task<JsonElement> Expect(string role, PharmaRoute route, string[] values, object? body, int status) =>
        Rest.ExpectAsync(role, route, values, body, status, _cancellationToken);

    private Task<JsonElement> Read(string role, PharmaRoute route, params string[] values) =>
        Rest.ExpectAsync(role, route, values, null, 200, _cancellationToken);

    private Task<Answer> Refused(string role, PharmaRoute route, string[] values, object? body, int status, string type, string wording) =>
        Rest.RefusedAsync(role, route, values, body, status, type, wording, _cancellationToken);

    private static async Task<IReadOnlyDictionary<string, TestUser>> EnrollAsync(FabricTestNetwork network, CancellationToken cancellationToken)
    {
        // The expected tables are written for these callers: network.yaml's pharma users must be among them as they are.
        NetworkFileUsers().Should().BeEquivalentTo(FromNetworkFile, "the matrix covers every pharma user of network.yaml with its roles");
        return await PharmaRoles.EnrollAsync(network, cancellationToken);
    }
}
