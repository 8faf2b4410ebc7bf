using System.Net;
using System.Text;
using Fabric.Gateway.Api.Tests.Support;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Peer;

namespace Fabric.Gateway.Api.Tests.Fabric;

public sealed class SubmitTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Submit_SignsAsCallerIdentity_CommitsAndReturnsChaincodeResult()
    {
        _host.State.Chaincode = invocation => new ChaincodeOutcome(Encoding.UTF8.GetBytes($"{{\"id\":\"{invocation.StringArgs[0]}\"}}"));
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1", "100"), "key-1");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var transactionId = body.GetProperty("transactionId").GetString()!;
        body.GetProperty("payload").GetString().Should().Be("{\"id\":\"LC-1\"}");
        response.Headers.Location!.ToString().Should().Be("/api/transactions/" + transactionId);
        var endorsed = _host.State.Endorsed.Should().ContainSingle().Subject;
        endorsed.ChannelId.Should().Be("trade");
        endorsed.ChaincodeName.Should().Be("trade-finance");
        endorsed.Function.Should().Be("LetterOfCredit:Issue");
        endorsed.StringArgs.Should().Equal("LC-1", "100");
        endorsed.CreatorMspId.Should().Be("Org1MSP");
        _host.State.Submitted.Should().Equal(transactionId);
    }

    [Fact]
    public async Task Evaluate_FromGet_NeedsNoIdempotencyKey_AndOrdersNothing()
    {
        _host.State.Chaincode = invocation => new ChaincodeOutcome(Encoding.UTF8.GetBytes("result of " + invocation.Function));
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.GetAsync(new Uri("/api/test/trade/query/LetterOfCredit:List", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("payload").GetString().Should().Be("result of LetterOfCredit:List");
        _host.State.Evaluated.Should().ContainSingle().Which.CreatorMspId.Should().Be("Org1MSP");
        _host.State.Submitted.Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_SendsTransientFieldsOnlyAsTransientData()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        var json = """{"transaction":"LetterOfCredit:Issue","arguments":["LC-2"],"transient":{"terms":"secret price 42"}}""";

        using var response = await client.PostJsonAsync("/api/test/trade/submit", json, "key-transient");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var endorsed = _host.State.Endorsed.Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(endorsed.Transient["terms"]).Should().Be("secret price 42");
        endorsed.StringArgs.Should().NotContain(a => a.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_WithEndorsingOrganizations_AsksTheGatewayForThem_CallerStandsForTheSignersMsp()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        var json = """{"transaction":"LetterOfCredit:Issue","arguments":["LC-3"],"endorsers":["@caller","Org2MSP","Org1MSP"]}""";

        using var response = await client.PostJsonAsync("/api/test/trade/submit", json, "key-endorsers");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        _host.State.Endorsed.Should().ContainSingle().Which.Organizations.Should().Equal(["Org1MSP", "Org2MSP"], "the caller acts as Org1MSP and each organization is named once");
    }

    [Fact]
    public async Task Submit_WithoutEndorsingOrganizations_LetsTheGatewayChoose()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-4"), "key-no-endorsers");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        _host.State.Endorsed.Should().ContainSingle().Which.Organizations.Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_LosingMvccReadConflict_IsEndorsedAgainFromFreshProposal()
    {
        var attempts = 0;
        _host.State.Chaincode = _ => new ChaincodeOutcome([])
        {
            ValidationCode = Interlocked.Increment(ref attempts) == 1 ? TxValidationCode.MvccReadConflict : TxValidationCode.Valid,
        };
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("Counter:Increment"), "key-mvcc");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var transactionIds = _host.State.Endorsed.Select(i => i.TransactionId).ToList();
        transactionIds.Should().HaveCount(2).And.OnlyHaveUniqueItems("each retry is a new proposal with a new transaction ID");
        (await response.JsonAsync()).GetProperty("transactionId").GetString().Should().Be(transactionIds[1]);
    }

    [Fact]
    public async Task Submit_AlwaysLosingMvccReadConflict_Is409AfterBoundedRetries()
    {
        _host.State.Chaincode = _ => new ChaincodeOutcome([]) { ValidationCode = TxValidationCode.MvccReadConflict };
        _host.Settings["Fabric:MvccReadConflictRetryAttempts"] = "2";
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("Counter:Increment"), "key-mvcc-409");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await response.JsonAsync();
        problem.GetProperty("type").GetString().Should().Be("https://fabric-dotnet.dev/problems/mvcc-conflict");
        problem.GetProperty("validationCode").GetString().Should().Be("MvccReadConflict");
        _host.State.Endorsed.Should().HaveCount(3);
    }

    [Fact]
    public async Task Evaluate_WhenFirstPeerIsDown_FailsOverToNextPeerOfOrganization()
    {
        _host.Org1Endpoints.Insert(0, ApiTestHost.DeadEndpoint());
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/evaluate", HttpAssertions.Submit("LetterOfCredit:Get", "LC-1"), "key-eval");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("payload").GetString().Should().Be("LetterOfCredit:Get:LC-1");
        _host.State.Evaluated.Should().ContainSingle();
    }

    [Fact]
    public async Task Submit_WhenFirstPeerIsDown_EndorsesOnNextPeer()
    {
        _host.Org1Endpoints.Insert(0, ApiTestHost.DeadEndpoint());
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-9"), "key-failover");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        _host.State.Submitted.Should().ContainSingle();
    }

    [Fact]
    public async Task Submit_WhenEveryPeerIsDown_Is503ProblemDetails()
    {
        _host.Org1Endpoints.Clear();
        _host.Org1Endpoints.Add(ApiTestHost.DeadEndpoint());
        _host.Org1Endpoints.Add(ApiTestHost.DeadEndpoint());
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-3"), "key-down");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.JsonAsync()).GetProperty("type").GetString().Should().Be("https://fabric-dotnet.dev/problems/fabric-unavailable");
    }
}
