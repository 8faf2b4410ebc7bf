using System.Net;
using Fabric.Gateway.Api.Tests.Support;
using Fabric.Gateway.TestDoubles;

namespace Fabric.Gateway.Api.Tests.Security;

public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ApiKeys_AndTransientData_NeverReachTheLogs()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        using var wrong = _host.CreateClientOfCurrentHost("wrong-key-that-must-not-be-logged");
        var json = """{"transaction":"LetterOfCredit:Issue","arguments":["LC-1"],"transient":{"terms":"private-price-4711"}}""";

        using var accepted = await client.PostJsonAsync("/api/test/trade/submit", json, "logs-1");
        using var refused = await wrong.PostJsonAsync("/api/test/trade/submit", json, "logs-2");
        _host.State.Chaincode = _ => new ChaincodeOutcome([]) { Status = 422, Message = "refused" };
        using var failed = await client.PostJsonAsync("/api/test/trade/submit", json, "logs-3");

        accepted.StatusCode.Should().Be(HttpStatusCode.Created);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        failed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        _host.Logs.Messages.Should().NotBeEmpty();
        _host.Logs.Messages.Should().NotContain(m =>
            m.Contains(ApiTestHost.AliceKey, StringComparison.Ordinal)
            || m.Contains("wrong-key-that-must-not-be-logged", StringComparison.Ordinal)
            || m.Contains("private-price-4711", StringComparison.Ordinal));
    }
}
