using System.Net;
using System.Text.Json;
using Fabric.Gateway.Api.Endpoints;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Api.Tests.Endpoints.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Gateway.Api.Tests.Endpoints;

/// <summary>
/// The endpoints against the real contracts (in memory): each business process's happy path over HTTP, so that
/// every argument order, enum name, date format and transient shape the endpoints produce is one the contracts
/// actually bind, and private data reaches the private collections, never public state.
/// </summary>
public sealed class ChaincodeBindingTests : IAsyncLifetime
{
    private readonly InMemoryChaincodeInvoker chaincode = new();
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IChaincodeInvoker>(chaincode);
        app = builder.Build();
        app.MapBusinessNetworkEndpoints();
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

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
