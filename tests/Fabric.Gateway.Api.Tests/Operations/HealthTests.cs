using System.Net;
using Fabric.Gateway.Api.Tests.Support;

namespace Fabric.Gateway.Api.Tests.Operations;

public sealed class HealthTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Live_IsHealthy_WithoutCredentials()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_WhenPeerAnswers_IsHealthy_AndSendsNothingToTheLedger()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
        _host.State.Evaluated.Should().BeEmpty();
        _host.State.Ledger("trade").Height.Should().Be(0);
    }

    [Fact]
    public async Task Ready_WhenNoPeerAnswers_Is503()
    {
        _host.Org1Endpoints.Clear();
        _host.Org1Endpoints.Add(ApiTestHost.DeadEndpoint());
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task OpenApiDocument_AndScalarPage_AreServed()
    {
        using var client = _host.CreateClient();

        using var document = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var scalar = await client.GetAsync(new Uri("/scalar", UriKind.Relative));

        document.StatusCode.Should().Be(HttpStatusCode.OK);
        var openApi = System.Text.Json.JsonDocument.Parse(await document.Content.ReadAsStringAsync()).RootElement;
        var paths = openApi.GetProperty("paths");
        paths.TryGetProperty("/api/transactions/{txId}", out _).Should().BeTrue();
        paths.TryGetProperty("/api/events", out _).Should().BeTrue();
        var submitHeaders = paths.GetProperty("/api/test/{network}/submit").GetProperty("post").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        submitHeaders.Should().Contain(["Idempotency-Key", "Prefer", "X-Fabric-Identity"]);
        var schemes = openApi.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("ApiKey").GetProperty("name").GetString().Should().Be("X-Api-Key");
        schemes.GetProperty("Bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        scalar.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
