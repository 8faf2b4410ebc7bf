using System.Net;
using System.Text;
using System.Text.Json;
using Fabric.Gateway.Api.Endpoints;
using Fabric.Gateway.Api.Tests.Endpoints.Support;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;

namespace Fabric.Gateway.Api.Tests.Endpoints;

/// <summary>How every endpoint treats bad bodies, unicode and the chaincode's answers (shared pipeline).</summary>
public sealed class RequestHandlingTests(EndpointHost host) : IClassFixture<EndpointHost>
{
    private const string Products = "/api/pharma/products";
    private const string Gtin = "00300123456785";

    [Theory]
    [InlineData("{", "body")]
    [InlineData("""{"gtin": "00300123456785",}""", "body")]
    [InlineData("""{"gtin": '00300123456785'}""", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("", "body")]
    [InlineData("[]", "body")]
    [InlineData("null", "body")]
    [InlineData("\"a string\"", "body")]
    public async Task Body_MalformedOrNotAnObject_Is400NotA500(string body, string field)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", Products, body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Body_InvalidUtf8_Is400()
    {
        host.Invoker.Reset();
        using var request = new HttpRequestMessage(HttpMethod.Post, Products)
        {
            Content = new ByteArrayContent([.. """{"name":" """u8, 0xC3, 0x28, .. "\"}"u8]),
        };
        request.Content.Headers.ContentType = new("application/json");
        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Body_DeeplyNested_Is400()
    {
        var body = $$"""{"gtin":{{new string('[', 100)}}{{new string(']', 100)}}}""";
        using var response = await host.SendAsync("POST", Products, body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Body_NotJsonContentType_Is415(string contentType)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", Products, "{}", contentType);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Body_NoBodyAtAll_Is415Or400NeverA500()
    {
        using var response = await host.SendAsync("POST", Products);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, "a body-less POST has no JSON content type");
    }

    [Fact]
    public async Task Body_LargerThanTheLimit_Is413WithoutCallingFabric()
    {
        host.Invoker.Reset();
        var body = $$"""{"gtin":"{{Gtin}}","ndc":"0012-3456-78","name":"{{new string('x', 70_000)}}","strength":"1","dosageForm":"tablet"}""";
        using var response = await host.SendAsync("POST", Products, body);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Body_LargerThanTheLimitWithoutContentLength_Is413()
    {
        host.Invoker.Reset();
        var body = Encoding.UTF8.GetBytes($$"""{"gtin":"{{Gtin}}","name":"{{new string('x', 70_000)}}"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, Products) { Content = new StreamContent(new UnknownLengthStream(body)) };
        request.Content.Headers.ContentType = new("application/json");
        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Body_UnknownField_Is400NamingItAsUnknown()
    {
        using var response = await host.SendAsync(
            "POST", Products, $$"""{"gtin":"{{Gtin}}","ndc":"0012-3456-78","name":"n","strength":"1","dosageForm":"tablet","price":12}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("price")[0].GetString().Should().Contain("not a known field");
    }

    [Fact]
    public async Task Number_WrittenAsAString_IsReadAndForwardedAsANumber()
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", $"/api/pharma/products/{Gtin}/wac", """{"currency":"USD","price":"1250","effectiveFrom":"2026-12-01"}""");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        using var wac = JsonDocument.Parse(host.Invoker.SingleCall.Call.Transient!["wac"]);
        wac.RootElement.GetProperty("price").ValueKind.Should().Be(JsonValueKind.Number);
        wac.RootElement.GetProperty("price").GetInt64().Should().Be(1250);
    }

    [Fact]
    public async Task Body_SeveralProblems_AreAllReportedAtOnce()
    {
        using var response = await host.SendAsync("POST", Products, """{"gtin":"123","ndc":"x","name":"","strength":"1"}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().BeEquivalentTo("gtin", "ndc", "name", "dosageForm");
    }

    [Fact]
    public async Task ValidationMessages_NeverEchoTheRejectedValue()
    {
        const string secret = "PRIVATE-diagnosis-\u0007";
        using var response = await host.SendAsync("POST", "/api/health/records/rec-1/emergency-access", $$"""{"reason":"{{secret.Replace("\u0007", "\\u0007", StringComparison.Ordinal)}}"}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("PRIVATE-diagnosis");
    }

    public static TheoryData<string, bool> FreeTexts => new()
    {
        { "Émile Zola, Île-de-France", true },
        { "患者は意識不明", true },
        { "Family history: 👨‍👩‍👧 (emoji with zero-width joiners)", true },
        { "e\u0301 (combining accent, not normalized)", true },
        { "line one\nline two\tindented", true },
        { "bell \u0007 character", false },
        { "NUL \u0000 character", false },
        { "C1 \u0085 control", false },
        { "bidi override \u202E gnp.exe", false },
        { "bidi isolate \u2066 x \u2069", false },
    };

    [Theory]
    [MemberData(nameof(FreeTexts))]
    public async Task FreeText_Unicode_IsAcceptedOrRefusedDeliberately(string text, bool accepted)
    {
        host.Invoker.Reset();
        var body = JsonSerializer.Serialize(new { reason = text });
        using var response = await host.SendAsync("POST", "/api/health/records/rec-1/emergency-access", body);

        if (accepted)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            using var transient = JsonDocument.Parse(host.Invoker.SingleCall.Call.Transient!["emergency"]);
            transient.RootElement.GetProperty("text").GetString().Should().Be(text, "free text reaches the chaincode code point for code point");
        }
        else
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("reason");
            host.Invoker.Calls.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task FreeText_UnpairedSurrogateEscape_Is400()
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", "/api/health/records/rec-1/emergency-access", """{"reason":"half an emoji \ud83d here"}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("reason");
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task FreeText_LengthCountsUtf16CodeUnitsAsTheChaincodeDoes()
    {
        var atLimit = string.Concat(Enumerable.Repeat("😀", 1000));
        using var accepted = await host.SendAsync("POST", "/api/health/records/rec-1/emergency-access", JsonSerializer.Serialize(new { reason = atLimit }));
        using var refused = await host.SendAsync("POST", "/api/health/records/rec-1/emergency-access", JsonSerializer.Serialize(new { reason = atLimit + "x" }));

        accepted.StatusCode.Should().Be(HttpStatusCode.Created, "1000 emoji are 2000 UTF-16 code units, the chaincode's limit");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("LC-１")]
    [InlineData("LC-ü")]
    [InlineData("LC\u00001")]
    [InlineData("ＬＣ1")]
    public async Task Identifier_NonAscii_Is400(string creditId)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", "/api/trade/letters-of-credit", JsonSerializer.Serialize(new { creditId, terms = new { } }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Contain("creditId");
    }

    [Theory]
    [InlineData("/api/pharma/products/%EF%BC%90%EF%BC%90300123456785")]
    [InlineData("/api/pharma/products/0030012345678%C2%B2")]
    public async Task RouteValue_NonAsciiDigits_Is400(string path)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("GET", path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("gtin");
    }

    [Fact]
    public async Task Submit_EmptyPayload_AnswersResultNull()
    {
        host.Invoker.Reset();
        host.Invoker.Payload = [];
        using var response = await host.SendAsync("POST", "/api/pharma/cases/003614141000000008/unpack");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("result").ValueKind.Should().Be(JsonValueKind.Null);
        body.RootElement.GetProperty("transactionId").GetString().Should().Be(RecordingInvoker.TransactionId);
    }

    [Fact]
    public async Task Submit_PlainTextPayload_AnswersItAsAJsonString()
    {
        host.Invoker.Reset();
        host.Invoker.Payload = Encoding.UTF8.GetBytes("done");
        using var response = await host.SendAsync("POST", "/api/pharma/shipments/SH-1/receive");

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("result").GetString().Should().Be("done");
    }

    [Fact]
    public async Task Evaluate_Payload_IsPassedThroughByteForByte()
    {
        host.Invoker.Reset();
        var payload = """[{"recordId":"rec-1","version":2,"note":"ünïcödé ✓"}]""";
        host.Invoker.Payload = Encoding.UTF8.GetBytes(payload);
        using var response = await host.SendAsync("GET", "/api/health/records");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(Encoding.UTF8.GetBytes(payload));
    }

    [Fact]
    public async Task InvokerFailure_IsNotSwallowedByTheEndpoint()
    {
        await using var failing = new EndpointHost();
        await failing.InitializeAsync();
        failing.Invoker.Failure = new InvalidOperationException("peer unavailable");

        var act = () => failing.SendAsync("GET", "/api/trade/configuration");

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("peer unavailable",
            "the platform's error handling, not the endpoint, turns Fabric's errors into ProblemDetails");
    }

    [Theory]
    [InlineData("/gw/api/trade/letters-of-credit", TradeSamples.Apply, "/gw/api/trade/letters-of-credit/LC-2026-001")]
    [InlineData("/gw/api/health/records/rec-1/amendments", """{"text":"fix it"}""", "/gw/api/health/amendments/" + RecordingInvoker.TransactionId)]
    [InlineData("/gw/api/health/records/rec-1/emergency-access", """{"reason":"coma"}""", "/gw/api/health/emergency-access/emergency-" + RecordingInvoker.TransactionId)]
    public async Task Location_UnderAnotherGroupPrefix_FollowsTheRequestPath(string path, string body, string location)
    {
        await using var prefixed = new EndpointHost(app => app.MapGroup("/gw/api").MapBusinessNetworkEndpoints(pathPrefix: string.Empty));
        await prefixed.InitializeAsync();

        using var response = await prefixed.SendAsync("POST", path, body);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.Should().Be(location);
    }

    /// <summary>A body whose length the client does not announce (chunked upload).</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
