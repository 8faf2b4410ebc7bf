using System.Net;
using System.Text.Json;
using Fabric.Gateway.Api.Tests.Endpoints.Support;

namespace Fabric.Gateway.Api.Tests.Endpoints;

/// <summary>
/// The endpoints against the real contracts (in memory): each business process's happy path over HTTP, so that
/// every argument order, enum name, date format and transient shape the endpoints produce is one the contracts
/// actually bind, and private data reaches the private collections, never public state.
/// </summary>
public sealed class ChaincodeBindingTests : IAsyncLifetime
{
    private readonly InMemoryContractsHost host = new();

    private InMemoryChaincodeInvoker chaincode => host.Chaincode;

    private HttpClient client => host.Client;

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Trade_CreditAndBillOfLading_HappyPath()
    {
        chaincode.ActAs("IssuingBankMSP", ("role", "officer"));
        await SendAsync(HttpStatusCode.Created, "POST", "/api/trade/configuration", TradeSamples.Configuration);

        chaincode.ActAs("IssuingBankMSP", ("role", "applicant"), ("company", "acme-imports"));
        var applied = await SendAsync(HttpStatusCode.Created, "POST", "/api/trade/letters-of-credit", TradeSamples.Apply);
        applied.GetProperty("result").GetProperty("status").GetString().Should().Be("Applied");

        chaincode.ActAs("IssuingBankMSP", ("role", "officer"));
        await SendAsync(HttpStatusCode.OK, "POST", "/api/trade/letters-of-credit/LC-2026-001/issue");
        var terms = await SendAsync(HttpStatusCode.OK, "GET", "/api/trade/letters-of-credit/LC-2026-001/terms");
        terms.GetProperty("terms").GetProperty("amount").GetInt64().Should().Be(12500000);
        terms.GetProperty("terms").GetProperty("tolerance").GetProperty("plusPercent").GetInt32().Should().Be(5);
        await SendAsync(HttpStatusCode.Created, "POST", "/api/trade/letters-of-credit/LC-2026-001/amendments",
            """{ "amendmentId": "A1", "changes": { "amount": 13000000 } }""");

        chaincode.ActAs("AdvisingBankMSP", ("role", "officer"));
        await SendAsync(HttpStatusCode.OK, "POST", "/api/trade/letters-of-credit/LC-2026-001/advise");

        chaincode.ActAs("AdvisingBankMSP", ("role", "beneficiary"), ("company", "globex-exports"));
        var accepted = await SendAsync(HttpStatusCode.OK, "POST", "/api/trade/letters-of-credit/LC-2026-001/amendments/A1/accept",
            """{ "acceptedFields": ["amount"] }""");
        accepted.GetProperty("result").GetProperty("status").GetString().Should().Be("Accepted");

        chaincode.ActAs("CarrierMSP", ("role", "officer"));
        await SendAsync(HttpStatusCode.Created, "POST", "/api/trade/bills-of-lading", TradeSamples.IssueBill);
        var document = await SendAsync(HttpStatusCode.OK, "GET", "/api/trade/bills-of-lading/BL-77/document");
        document.GetProperty("document").GetProperty("vesselName").GetString().Should().Be("MSC Aurora");

        chaincode.ActAs("AdvisingBankMSP", ("role", "beneficiary"), ("company", "globex-exports"));
        var presented = await SendAsync(HttpStatusCode.Created, "POST", "/api/trade/letters-of-credit/LC-2026-001/presentations", TradeSamples.Present);
        presented.GetProperty("result").GetProperty("status").GetString().Should().Be("Presented");

        chaincode.ActAs("IssuingBankMSP", ("role", "officer"));
        var refused = await SendAsync(HttpStatusCode.OK, "POST", "/api/trade/letters-of-credit/LC-2026-001/presentations/P1/refuse",
            """{ "discrepancies": [ { "code": "InvoiceNotSigned", "description": "The commercial invoice is not signed." } ], "disposal": "HoldingPendingWaiver" }""");
        refused.GetProperty("result").GetProperty("status").GetString().Should().Be("Refused");

        chaincode.ActAs("IssuingBankMSP", ("role", "applicant"), ("company", "acme-imports"));
        await SendAsync(HttpStatusCode.OK, "POST", "/api/trade/letters-of-credit/LC-2026-001/presentations/P1/waive");
        chaincode.ActAs("IssuingBankMSP", ("role", "officer"));
        await SendAsync(HttpStatusCode.OK, "POST", "/api/trade/letters-of-credit/LC-2026-001/presentations/P1/honour");
        var chain = await SendAsync(HttpStatusCode.OK, "GET", "/api/trade/bills-of-lading/BL-77/endorsements");
        chain.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Contain("TransferOnHonour");

        chaincode.PublicText("trade").Should().NotContainAny("ACME Imports BV", "MSC Aurora", "The commercial invoice is not signed.", "12500000");
    }

    [Fact]
    public async Task Pharma_CommissionShipReceiveInvoiceSellClaimSettle_HappyPath()
    {
        const string Gtin = "00300123456785";
        const string Gln = "0614141000005";
        const string Sscc = "003614141000000008";
        const string Manufacturer = "ManufacturerMSP";
        const string Wholesaler = "WholesalerMSP";

        chaincode.ActAs(Manufacturer, ("role", "admin"));
        await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/configuration",
            """{"manufacturers":["ManufacturerMSP"],"wholesalers":["WholesalerMSP"],"dispensers":["PharmacyMSP"],"pricingCollection":"manufacturerWholesalerPricing"}""");
        chaincode.ActAs(Manufacturer, ("role", "serialization"));
        await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/products",
            $$"""{"gtin":"{{Gtin}}","ndc":"0012-3456-78","name":"Amoxicillin","strength":"500 mg","dosageForm":"capsule"}""");
        await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/units",
            $$"""{"gtin":"{{Gtin}}","lot":"LOT1","expiry":"2028-01-31","serials":["SN0001","SN0002","SN0003","SN0004"]}""");
        chaincode.ActAs(Manufacturer, ("role", "pricing"));
        await SendAsync(HttpStatusCode.Created, "POST", $"/api/pharma/products/{Gtin}/wac", """{"currency":"USD","price":10000,"effectiveFrom":"2026-01-01"}""");
        await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/price-contracts",
            $$"""{"contractId":"C-1","wholesaler":"WholesalerMSP","customerMsp":"PharmacyMSP","eligibleCustomers":["{{Gln}}"],"validFrom":"2026-01-01","validTo":"2026-12-31","currency":"USD","lines":[{"gtin":"{{Gtin}}","contractPrice":7500}]}""");
        var wac = await SendAsync(HttpStatusCode.OK, "GET", $"/api/pharma/products/{Gtin}/wac/2026-11-23");
        wac.GetProperty("price").GetInt64().Should().Be(10000);

        chaincode.ActAs(Manufacturer, ("role", "shipping"));
        await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/cases",
            $$"""{"caseId":"{{Sscc}}","units":[{"gtin":"{{Gtin}}","serial":"SN0001"},{"gtin":"{{Gtin}}","serial":"SN0002"}]}""");
        await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/shipments",
            $$"""{"shipmentId":"SH-1","to":"WholesalerMSP","units":[{"gtin":"{{Gtin}}","serial":"SN0003"},{"gtin":"{{Gtin}}","serial":"SN0004"}],"cases":["{{Sscc}}"]}""");
        chaincode.ActAs(Wholesaler, ("role", "shipping"));
        var received = await SendAsync(HttpStatusCode.OK, "POST", "/api/pharma/shipments/SH-1/receive");
        received.GetProperty("result").GetProperty("status").GetString().Should().Be("received");
        var verified = await SendAsync(HttpStatusCode.OK, "GET", $"/api/pharma/units/{Gtin}/SN0001");
        verified.GetProperty("owner").GetString().Should().Be(Wholesaler);

        chaincode.ActAs(Manufacturer, ("role", "finance"));
        await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/invoices", """{"invoiceId":"INV-1","shipmentId":"SH-1","currency":"USD"}""");
        var amounts = await SendAsync(HttpStatusCode.OK, "GET", "/api/pharma/invoices/INV-1/amounts");
        amounts.GetProperty("record").GetProperty("total").GetInt64().Should().Be(40000);

        chaincode.ActAs(Wholesaler, ("role", "sales"));
        await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/sales",
            $$"""{"saleId":"S-1","contractId":"C-1","customerGln":"{{Gln}}","saleDate":"2026-11-23","currency":"USD","lines":[{"gtin":"{{Gtin}}","quantity":4,"unitPrice":7500}]}""");
        chaincode.ActAs(Wholesaler, ("role", "chargebacks"));
        var claim = await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/chargebacks",
            $$"""{"claimId":"CB-1","manufacturer":"ManufacturerMSP","currency":"USD","lines":[{"lineNumber":1,"saleId":"S-1","gtin":"{{Gtin}}","quantity":4,"wac":10000,"contractPrice":7500,"amount":10000}]}""");
        claim.GetProperty("result").GetProperty("lines")[0].GetProperty("status").GetString().Should().Be("accepted");

        chaincode.ActAs(Manufacturer, ("role", "chargebacks"));
        await SendAsync(HttpStatusCode.OK, "POST", "/api/pharma/chargebacks/CB-1/lines/1/dispute", """{"reason":"price_questioned"}""");
        await SendAsync(HttpStatusCode.OK, "POST", "/api/pharma/chargebacks/CB-1/lines/1/resolve", """{"outcome":"upheld"}""");

        chaincode.ActAs(Wholesaler, ("role", "finance"));
        await SendAsync(HttpStatusCode.Created, "POST", "/api/pharma/settlements",
            """{"settlementId":"ST-1","counterparty":"ManufacturerMSP","periodStart":"2026-11-01","periodEnd":"2026-11-30","currency":"USD"}""");
        var totals = await SendAsync(HttpStatusCode.OK, "GET", "/api/pharma/settlements/ST-1/totals");
        totals.GetProperty("record").GetProperty("netAmount").GetInt64().Should().Be(30000);
        await SendAsync(HttpStatusCode.OK, "POST", "/api/pharma/settlements/ST-1/approve");
        chaincode.ActAs(Manufacturer, ("role", "finance"));
        await SendAsync(HttpStatusCode.OK, "POST", "/api/pharma/settlements/ST-1/approve");
        var paid = await SendAsync(HttpStatusCode.OK, "POST", "/api/pharma/settlements/ST-1/mark-paid");
        paid.GetProperty("result").GetProperty("status").GetString().Should().Be("paid");

        chaincode.PublicText("pharma").Should().NotContainAny("7500", "\"unitPrice\"", "\"amount\"");
    }

    [Fact]
    public async Task Health_RegisterAmendConsentShareAccessBreakTheGlass_HappyPath()
    {
        const string HospitalA = "HospitalAMSP";
        const string HospitalB = "HospitalBMSP";
        var original = Convert.ToBase64String("""{"resourceType":"Observation","valueQuantity":{"value":5.4}}"""u8);
        var amended = Convert.ToBase64String("""{"resourceType":"Observation","valueQuantity":{"value":4.5}}"""u8);
        (string, string)[] patient = [("role", "patient"), ("patientId", "patient-42")];

        chaincode.ActAsAdmin(HospitalA);
        await SendAsync(HttpStatusCode.Created, "POST", "/api/health/configuration", """{"hospitalMspIds":["HospitalAMSP","HospitalBMSP"]}""");
        chaincode.ActAs(HospitalA, ("role", "clinician"));
        await SendAsync(HttpStatusCode.Created, "POST", "/api/health/records",
            $$"""{"recordId":"rec-001","patientId":"patient-42","category":"lab","typeCode":"loinc:11502-2","contentType":"application/fhir+json","content":"{{original}}"}""");

        chaincode.ActAs(HospitalA, patient);
        var (requested, location) = await SendWithLocationAsync(HttpStatusCode.Created, "POST", "/api/health/records/rec-001/amendments",
            """{"text":"The potassium value was transposed: 4.5, not 5.4."}""");
        var amendmentId = requested.GetProperty("result").GetProperty("amendmentId").GetString();
        location.Should().Be($"/api/health/amendments/{amendmentId}");
        chaincode.ActAs(HospitalA, ("role", "clinician"));
        var accepted = await SendAsync(HttpStatusCode.OK, "POST", $"/api/health/amendments/{amendmentId}/accept", $$"""{"content":"{{amended}}"}""");
        accepted.GetProperty("result").GetProperty("version").GetInt32().Should().Be(2);

        chaincode.ActAs(HospitalA, patient);
        await SendAsync(HttpStatusCode.Created, "POST", "/api/health/consents",
            """{"consentId":"consent-7","granteeMspId":"HospitalBMSP","scope":{"categories":["lab"]},"purpose":"treatment","periodEnd":"2027-01-01T00:00:00Z"}""");
        chaincode.ActAs(HospitalA, ("role", "clinician"));
        await SendAsync(HttpStatusCode.OK, "POST", "/api/health/records/rec-001/shares", """{"consentId":"consent-7"}""");

        chaincode.ActAs(HospitalB, ("role", "clinician"));
        var (_, accessLocation) = await SendWithLocationAsync(HttpStatusCode.Created, "POST", "/api/health/records/rec-001/accesses",
            """{"consentId":"consent-7","purpose":"treatment"}""");
        var read = await SendAsync(HttpStatusCode.OK, "GET", accessLocation);
        read.GetProperty("content").GetString().Should().Be(amended, "the grantee reads the shared current version");

        var (_, emergencyLocation) = await SendWithLocationAsync(HttpStatusCode.Created, "POST", "/api/health/records/rec-001/emergency-access",
            """{"reason":"Patient unconscious in the emergency room."}""");
        var reason = await SendAsync(HttpStatusCode.OK, "GET", emergencyLocation + "/reason");
        reason.GetProperty("reason").GetString().Should().Be("Patient unconscious in the emergency room.");

        chaincode.ActAs(HospitalA, patient);
        var log = await SendAsync(HttpStatusCode.OK, "GET", "/api/health/audit/mine");
        log.GetArrayLength().Should().BeGreaterThanOrEqualTo(2);

        chaincode.PublicText("health").Should().NotContainAny("transposed", "unconscious", original, amended, "Observation");
    }

    private async Task<(JsonElement Body, string Location)> SendWithLocationAsync(HttpStatusCode expected, string method, string path, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "{0} {1} answered {2}", method, path, text);
        using var document = JsonDocument.Parse(text);
        return (document.RootElement.Clone(), response.Headers.Location!.OriginalString);
    }

    private async Task<JsonElement> SendAsync(HttpStatusCode expected, string method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "{0} {1} answered {2}", method, path, text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
