using Fabric.Gateway.Api.Tests.Endpoints.Support;
using FluentAssertions;

namespace Fabric.Gateway.Api.Tests.Endpoints;

public sealed class PharmaEndpointsTests(EndpointHost host) : IClassFixture<EndpointHost>
{
    private const string Gtin = "00300123456785";
    private const string Gln = "0614141000005";
    private const string Sscc = "003614141000000008";

    private const string Configuration =
        """{"manufacturers":["ManufacturerMSP"],"wholesalers":["WholesalerMSP"],"dispensers":["PharmacyMSP"],"pricingCollection":"pharmaPricing"}""";

    private const string Product =
        $$"""{"gtin":"{{Gtin}}","ndc":"0012-3456-78","name":"Amoxicillin 500 mg capsules","strength":"500 mg","dosageForm":"capsule"}""";

    private const string Shipment = $$"""{"shipmentId":"SH-1","to":"WholesalerMSP","isReturn":false,"units":[{"gtin":"{{Gtin}}","serial":"SN-1"}],"cases":["{{Sscc}}"]}""";

    /// <summary>The pricing collection's members, as the fake ledger's configuration names them.</summary>
    private static readonly string[] Pricing = ["ManufacturerMSP", "WholesalerMSP"];

    internal static readonly EndpointCase[] Cases =
    [
        new("POST", "/api/pharma/configuration", Configuration, "Configuration:Initialize", [Configuration], [], 201, "/api/pharma/configuration"),
        new("PUT", "/api/pharma/configuration", Configuration, "Configuration:Update", [Configuration], [], 200),
        new("GET", "/api/pharma/configuration", null, "Configuration:Get", [], [], 200),

        new("POST", "/api/pharma/products", Product, "Products:Register", [Product], [], 201, $"/api/pharma/products/{Gtin}"),
        new("GET", $"/api/pharma/products/{Gtin}", null, "Products:Get", [Gtin], [], 200),
        new("POST", $"/api/pharma/products/{Gtin}/wac", """{"currency":"USD","price":1250,"effectiveFrom":"2026-12-01"}""",
            "Pricing:SetWac", [], ["wac"], 201, $"/api/pharma/products/{Gtin}/wac/2026-12-01", Endorsers: Pricing),
        new("GET", $"/api/pharma/products/{Gtin}/wac/2026-12-15", null, "Pricing:GetWac", [Gtin, "2026-12-15"], [], 200),

        new("POST", "/api/pharma/units", $$"""{"gtin":"{{Gtin}}","lot":"L-2026-07","expiry":"2028-07-31","serials":["SN-1","SN-2"]}""",
            "Units:Commission", [Gtin, "L-2026-07", "2028-07-31", """["SN-1","SN-2"]"""], [], 201, $"/api/pharma/units/{Gtin}/SN-1"),
        new("GET", $"/api/pharma/units/{Gtin}/SN-1", null, "Units:Verify", [Gtin, "SN-1"], [], 200),
        new("POST", $"/api/pharma/units/{Gtin}/SN-1/dispense", null, "Units:Dispense", [Gtin, "SN-1"], [], 200),
        new("POST", $"/api/pharma/units/{Gtin}/SN-1/decommission", null, "Units:Decommission", [Gtin, "SN-1"], [], 200),
        new("POST", $"/api/pharma/units/{Gtin}/SN-1/reinstate", null, "Units:Reinstate", [Gtin, "SN-1"], [], 200),
        new("POST", "/api/pharma/cases", $$"""{"caseId":"{{Sscc}}","units":[{"gtin":"{{Gtin}}","serial":"SN-1"}]}""",
            "Units:Pack", [Sscc, $$"""[{"gtin":"{{Gtin}}","serial":"SN-1"}]"""], [], 201, $"/api/pharma/cases/{Sscc}"),
        new("POST", $"/api/pharma/cases/{Sscc}/unpack", null, "Units:Unpack", [Sscc], [], 200),
        new("GET", $"/api/pharma/cases/{Sscc}", null, "Units:GetCase", [Sscc], [], 200),

        new("POST", "/api/pharma/shipments", Shipment, "Shipments:Ship", [Shipment], [], 201, "/api/pharma/shipments/SH-1"),
        new("POST", "/api/pharma/shipments/SH-1/receive", null, "Shipments:Receive", ["SH-1"], [], 200),
        new("GET", "/api/pharma/shipments/SH-1", null, "Shipments:Get", ["SH-1"], [], 200),

        new("POST", "/api/pharma/recalls", $$"""{"gtin":"{{Gtin}}","lot":"L-2026-07","recallClass":"II"}""",
            "Recalls:RecallLot", [Gtin, "L-2026-07", "II"], [], 201, $"/api/pharma/recalls/{Gtin}/L-2026-07"),
        new("GET", $"/api/pharma/recalls/{Gtin}/L-2026-07", null, "Recalls:Get", [Gtin, "L-2026-07"], [], 200),

        new("POST", "/api/pharma/price-contracts",
            $$"""{"contractId":"PC-9","wholesaler":"WholesalerMSP","customerMsp":"PharmacyMSP","eligibleCustomers":["{{Gln}}"],"validFrom":"2026-01-01","validTo":"2026-12-31","currency":"USD","lines":[{"gtin":"{{Gtin}}","contractPrice":900}]}""",
            "Pricing:PublishContract", [], ["contract"], 201, "/api/pharma/price-contracts/PC-9", Endorsers: [.. Pricing, "PharmacyMSP"]),
        new("GET", "/api/pharma/price-contracts/PC-9", null, "Pricing:GetContract", ["PC-9"], [], 200),
        new("GET", "/api/pharma/price-contracts/PC-9/terms", null, "Pricing:GetContractTerms", ["PC-9"], [], 200),

        new("POST", "/api/pharma/sales",
            $$"""{"saleId":"S-1","contractId":"PC-9","customerGln":"{{Gln}}","saleDate":"2026-11-02","currency":"USD","lines":[{"gtin":"{{Gtin}}","quantity":10,"unitPrice":900}]}""",
            "Chargebacks:RecordSale", [], ["sale"], 201, "/api/pharma/sales/S-1"),
        new("GET", "/api/pharma/sales/S-1", null, "Chargebacks:GetSale", ["S-1"], [], 200),
        new("POST", "/api/pharma/chargebacks",
            $$"""{"claimId":"C-1","manufacturer":"ManufacturerMSP","currency":"USD","lines":[{"lineNumber":1,"saleId":"S-1","gtin":"{{Gtin}}","quantity":10,"wac":1250,"contractPrice":900,"amount":3500}]}""",
            "Chargebacks:SubmitClaim", [], ["claim"], 201, "/api/pharma/chargebacks/C-1"),
        new("GET", "/api/pharma/chargebacks/C-1", null, "Chargebacks:GetClaim", ["C-1"], [], 200),
        new("GET", "/api/pharma/chargebacks/C-1/amounts", null, "Chargebacks:GetClaimAmounts", ["C-1"], [], 200),
        new("POST", "/api/pharma/chargebacks/C-1/lines/3/dispute", """{"reason":"price_questioned"}""",
            "Chargebacks:DisputeLine", ["C-1", "3", "price_questioned"], [], 200),
        new("POST", "/api/pharma/chargebacks/C-1/lines/3/resolve", """{"outcome":"withdrawn"}""",
            "Chargebacks:ResolveDispute", ["C-1", "3", "withdrawn"], [], 200),

        new("POST", "/api/pharma/invoices", """{"invoiceId":"INV-1","shipmentId":"SH-1","currency":"USD"}""",
            "Invoices:Issue", ["INV-1", "SH-1", "USD"], ["salt"], 201, "/api/pharma/invoices/INV-1", Endorsers: Pricing),
        new("GET", "/api/pharma/invoices/INV-1", null, "Invoices:Get", ["INV-1"], [], 200),
        new("GET", "/api/pharma/invoices/INV-1/amounts", null, "Invoices:GetAmounts", ["INV-1"], [], 200),

        new("POST", "/api/pharma/settlements", """{"settlementId":"ST-1","counterparty":"WholesalerMSP","periodStart":"2026-11-01","periodEnd":"2026-11-30","currency":"USD"}""",
            "Settlements:Propose", ["ST-1", "WholesalerMSP", "2026-11-01", "2026-11-30", "USD"], ["salt"], 201, "/api/pharma/settlements/ST-1", Endorsers: ["@caller", "WholesalerMSP"]),
        new("POST", "/api/pharma/settlements/ST-1/approve", null, "Settlements:Approve", ["ST-1"], [], 200),
        new("POST", "/api/pharma/settlements/ST-1/reject", null, "Settlements:Reject", ["ST-1"], [], 200),
        new("POST", "/api/pharma/settlements/ST-1/mark-paid", null, "Settlements:MarkPaid", ["ST-1"], [], 200, Endorsers: Pricing),
        new("GET", "/api/pharma/settlements/ST-1", null, "Settlements:Get", ["ST-1"], [], 200),
        new("GET", "/api/pharma/settlements/ST-1/totals", null, "Settlements:GetTotals", ["ST-1"], [], 200),
    ];

    public static TheoryData<EndpointCase> Endpoints => EndpointCase.Table(Cases);

    internal static EndpointCase Row(string transaction) => Cases.Single(c => c.Transaction == transaction);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public Task Endpoint_ValidRequest_RunsItsTransactionWithArgumentsInOrder(EndpointCase row) =>
        EndpointTableAssertions.AssertCallAsync(host, row);

    [Fact]
    public async Task SetWac_PriceAndGtin_TravelOnlyAsTransientWithABase64Salt()
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row("Pricing:SetWac"));

        var wac = EndpointTableAssertions.TransientJson(host, "wac");
        wac.GetProperty("gtin").GetString().Should().Be(Gtin);
        wac.GetProperty("price").GetInt64().Should().Be(1250);
        wac.GetProperty("effectiveFrom").GetString().Should().Be("2026-12-01");
        Convert.FromBase64String(wac.GetProperty("salt").GetString()!).Should().HaveCount(32);
    }

    [Fact]
    public async Task PublishContract_Terms_AreTransientInTheContractsShape()
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row("Pricing:PublishContract"));

        var contract = EndpointTableAssertions.TransientJson(host, "contract");
        contract.GetProperty("contractId").GetString().Should().Be("PC-9");
        contract.GetProperty("lines")[0].GetProperty("contractPrice").GetInt64().Should().Be(900);
        contract.GetProperty("eligibleCustomers")[0].GetString().Should().Be(Gln);
        contract.TryGetProperty("salt", out _).Should().BeTrue();
    }

    [Fact]
    public async Task RecordSaleAndSubmitClaim_AmountsAreTransient()
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row("Chargebacks:RecordSale"));
        var sale = EndpointTableAssertions.TransientJson(host, "sale");
        sale.GetProperty("lines")[0].GetProperty("unitPrice").GetInt64().Should().Be(900);
        sale.GetProperty("saleDate").GetString().Should().Be("2026-11-02");

        await EndpointTableAssertions.AssertCallAsync(host, Row("Chargebacks:SubmitClaim"));
        var claim = EndpointTableAssertions.TransientJson(host, "claim");
        claim.GetProperty("lines")[0].GetProperty("amount").GetInt64().Should().Be(3500);
        claim.GetProperty("manufacturer").GetString().Should().Be("ManufacturerMSP");
    }

    [Fact]
    public async Task InvoiceAndSettlement_Salt_IsBase64TextInTransient()
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row("Invoices:Issue"));
        var salt = System.Text.Encoding.UTF8.GetString(host.Invoker.SingleCall.Call.Transient!["salt"]);
        Convert.FromBase64String(salt).Should().HaveCount(32);
    }

    [Theory]
    [InlineData("""{"gtin":"00300123456786","ndc":"0012-3456-78","name":"x","strength":"1","dosageForm":"tablet"}""", "gtin")]
    [InlineData("""{"gtin":"0030012345678","ndc":"0012-3456-78","name":"x","strength":"1","dosageForm":"tablet"}""", "gtin")]
    [InlineData("""{"gtin":"00300123456785","ndc":"00123456-78","name":"x","strength":"1","dosageForm":"tablet"}""", "ndc")]
    [InlineData("""{"gtin":"00300123456785","ndc":"0012-3456-78","name":"  ","strength":"1","dosageForm":"tablet"}""", "name")]
    [InlineData("""{"gtin":"00300123456785","ndc":"0012-3456-78","name":"x","dosageForm":"tablet"}""", "strength")]
    public async Task RegisterProduct_InvalidField_Is400NamingIt(string body, string field)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", "/api/pharma/products", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task RegisterProduct_NameTooLong_Is400()
    {
        var body = $$"""{"gtin":"{{Gtin}}","ndc":"0012-3456-78","name":"{{new string('x', 201)}}","strength":"1","dosageForm":"tablet"}""";
        using var response = await host.SendAsync("POST", "/api/pharma/products", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("name");
    }

    [Theory]
    [InlineData("""{"claimId":"C-1","manufacturer":"M","currency":"USD","lines":[{"lineNumber":1,"saleId":"S","gtin":"00300123456785","quantity":0,"wac":1,"contractPrice":1,"amount":1}]}""", "lines[0].quantity")]
    [InlineData("""{"claimId":"C-1","manufacturer":"M","currency":"USD","lines":[]}""", "lines")]
    [InlineData("""{"claimId":"C-1","manufacturer":"M","currency":"USD","lines":[null]}""", "lines[0]")]
    [InlineData("""{"claimId":"C:1","manufacturer":"M","currency":"USD","lines":[{"lineNumber":1,"saleId":"S","gtin":"00300123456785","quantity":1,"wac":1,"contractPrice":1,"amount":1}]}""", "claimId")]
    [InlineData("""{"claimId":"C-1","manufacturer":"M","currency":"USD","lines":[{"lineNumber":1.5,"saleId":"S","gtin":"00300123456785","quantity":1,"wac":1,"contractPrice":1,"amount":1}]}""", "lines[0].lineNumber")]
    [InlineData("""{"claimId":"C-1","manufacturer":"M","currency":"USD","lines":[{"lineNumber":1,"saleId":"S","gtin":"00300123456785","quantity":1,"wac":1,"contractPrice":1,"amount":99999999999999999999}]}""", "lines[0].amount")]
    public async Task SubmitClaim_InvalidLine_Is400NamingIt(string body, string field)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", "/api/pharma/chargebacks", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/pharma/chargebacks/C-1/lines/0/dispute", "lineNumber")]
    [InlineData("/api/pharma/chargebacks/C-1/lines/x/dispute", "lineNumber")]
    [InlineData("/api/pharma/chargebacks/C%201/lines/1/dispute", "claimId")]
    public async Task DisputeLine_InvalidRoute_Is400NamingIt(string path, string field)
    {
        using var response = await host.SendAsync("POST", path, """{"reason":"other"}""");

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
    }

    [Theory]
    [InlineData("""{"reason":"QuantityQuestioned"}""")]
    [InlineData("""{"reason":"bogus"}""")]
    [InlineData("""{"reason":0}""")]
    public async Task DisputeLine_ReasonNotAContractCode_Is400(string body)
    {
        using var response = await host.SendAsync("POST", "/api/pharma/chargebacks/C-1/lines/1/dispute", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("reason");
    }

    [Theory]
    [InlineData($"/api/pharma/products/{Gtin}/wac/2026-13-01", "date")]
    [InlineData($"/api/pharma/units/{Gtin}/SN%201", "serial")]
    [InlineData("/api/pharma/cases/003614141000000009", "caseId")]
    public async Task Query_InvalidRouteValue_Is400NamingIt(string path, string field)
    {
        using var response = await host.SendAsync("GET", path);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
    }

    [Fact]
    public async Task Ship_NothingToShip_Is400()
    {
        using var response = await host.SendAsync("POST", "/api/pharma/shipments", """{"shipmentId":"SH-2","to":"WholesalerMSP"}""");

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("units");
    }
}
