using System.Net;
using Fabric.Gateway.Api.Tests.Support;
using Fabric.Gateway.TestDoubles;

namespace Fabric.Gateway.Api.Tests.Idempotency;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SameKeyTwice_SubmitsOnce_AndReplaysFirstResponse()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        var body = HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1");

        using var first = await client.PostJsonAsync("/api/test/trade/submit", body, "same-key");
        using var second = await client.PostJsonAsync("/api/test/trade/submit", body, "same-key");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        second.Headers.Location.Should().Be(first.Headers.Location);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        _host.State.Endorsed.Should().ContainSingle();
        _host.State.Submitted.Should().ContainSingle();
    }

    [SkippableFact]
    public async Task SameKeyTwice_WithPostgreSqlJournal_SubmitsOnce()
    {
        var connectionString = Environment.GetEnvironmentVariable("FABRIC_GATEWAY_TEST_POSTGRES");
        Skip.If(string.IsNullOrEmpty(connectionString), "Set FABRIC_GATEWAY_TEST_POSTGRES to a PostgreSQL connection string to run the gateway on a PostgreSQL journal.");
        _host.Settings["Journal:Provider"] = "PostgreSql";
        _host.Settings["Journal:ConnectionString"] = connectionString;
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        var body = HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1");
        var key = "pg-" + Guid.NewGuid().ToString("N");

        using var first = await client.PostJsonAsync("/api/test/trade/submit", body, key);
        using var second = await client.PostJsonAsync("/api/test/trade/submit", body, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        _host.State.Submitted.Should().ContainSingle();
    }

    [Fact]
    public async Task SameKeyWithDifferentBody_Is422()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        using var first = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"), "reused");

        using var second = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-2"), "reused");

        second.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await second.JsonAsync()).GetProperty("type").GetString().Should().Be("https://fabric-dotnet.dev/problems/idempotency-key-reused");
        _host.State.Endorsed.Should().ContainSingle();
    }

    [Fact]
    public async Task SameKeyAsAnotherIdentity_Is422()
    {
        using var asUser = _host.CreateClient(ApiTestHost.BobKey, "org1-user");
        using var asAdmin = _host.CreateClientOfCurrentHost(ApiTestHost.BobKey, "org1-admin");
        var body = HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1");

        using var first = await asUser.PostJsonAsync("/api/test/trade/submit", body, "identity-key");
        using var second = await asAdmin.PostJsonAsync("/api/test/trade/submit", body, "identity-key");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        _host.State.Submitted.Should().ContainSingle();
    }

    [Fact]
    public async Task SameKeyByAnotherPrincipal_IsAnIndependentRequest()
    {
        using var alice = _host.CreateClient(ApiTestHost.AliceKey);
        using var bob = _host.CreateClient(ApiTestHost.BobKey, "org1-user");
        var body = HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1");

        using var first = await alice.PostJsonAsync("/api/test/trade/submit", body, "shared-key");
        using var second = await bob.PostJsonAsync("/api/test/trade/submit", body, "shared-key");

        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        _host.State.Submitted.Should().HaveCount(2);
    }

    [Fact]
    public async Task RefusalByChaincode_IsStoredAndReplayedToo()
    {
        _host.State.Chaincode = _ => new ChaincodeOutcome([]) { Status = 409, Message = "Credit 'LC-1' already exists." };
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        var body = HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1");

        using var first = await client.PostJsonAsync("/api/test/trade/submit", body, "refused");
        using var second = await client.PostJsonAsync("/api/test/trade/submit", body, "refused");

        first.StatusCode.Should().Be(HttpStatusCode.Conflict);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        _host.State.Endorsed.Should().ContainSingle();
    }

    [Fact]
    public async Task MissingKey_Is400NamingTheHeader_WhenRequired()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.GetProperty("type").GetString().Should().Be("https://fabric-dotnet.dev/problems/validation");
        problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
        _host.State.Endorsed.Should().BeEmpty();
    }

    [Fact]
    public async Task MissingKey_IsAccepted_WhenOptional()
    {
        _host.Settings["Idempotency:Required"] = "false";
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("naïve")]
    [InlineData("semi;colon")]
    public async Task KeyWithForbiddenCharacters_Is400(string key)
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/test/trade/submit", UriKind.Relative))
        {
            Content = ApiTestHost.Json(HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1")),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
    }

    [Fact]
    public async Task KeyLongerThanLimit_Is400()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("X:Y"), new string('k', 256));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RespondAsync_Is202WithLocation_AndTransactionCommitsInBackground()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/test/trade/submit", UriKind.Relative))
        {
            Content = ApiTestHost.Json(HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1")),
        };
        request.Headers.Add("Idempotency-Key", "async-1");
        request.Headers.Add("Prefer", "respond-async");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var transactionId = (await response.JsonAsync()).GetProperty("transactionId").GetString()!;
        response.Headers.Location!.ToString().Should().Be("/api/transactions/" + transactionId);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? state = null;
        while (DateTime.UtcNow < deadline && state != "committed")
        {
            using var status = await client.GetAsync(response.Headers.Location);
            state = (await status.JsonAsync()).GetProperty("state").GetString();
            await Task.Delay(50);
        }

        state.Should().Be("committed");
        _host.State.Submitted.Should().Equal(transactionId);
    }
}
