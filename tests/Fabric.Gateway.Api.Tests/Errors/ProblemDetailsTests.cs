using System.Net;
using System.Text.Json;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Api.Tests.Support;
using Fabric.Gateway.Client;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fabric.Gateway.Api.Tests.Errors;

public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private const string Base = "https://fabric-dotnet.dev/problems/";
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(400, "Field 'amount' must be positive.", 400, "validation")]
    [InlineData(403, "Only the issuing bank may issue a credit.", 403, "forbidden")]
    [InlineData(404, "Credit 'LC-7' does not exist.", 404, "not-found")]
    [InlineData(409, "Credit 'LC-7' is not in state ISSUED.", 409, "conflict")]
    [InlineData(422, "UCP 600 Art. 6(e): the expiry date is in the past.", 422, "business-rule")]
    [InlineData(500, "chaincode crashed", 502, "chaincode-failure")]
    public async Task ChaincodeRefusalOnSubmit_MapsStatusAndKeepsMessageAndEndorser(int chaincodeStatus, string message, int httpStatus, string type)
    {
        _host.State.Chaincode = _ => new ChaincodeOutcome([]) { Status = chaincodeStatus, Message = message };
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-7"), "refusal");

        ((int)response.StatusCode).Should().Be(httpStatus);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("type").GetString().Should().Be(Base + type);
        problem.GetProperty("detail").GetString().Should().Be(message);
        problem.GetProperty("chaincodeStatus").GetInt32().Should().Be(chaincodeStatus);
        var endorser = problem.GetProperty("endorsers").EnumerateArray().Should().ContainSingle().Subject;
        endorser.GetProperty("address").GetString().Should().Be("peer0.org1.example.com:7051");
        endorser.GetProperty("mspId").GetString().Should().Be("Org1MSP");
        endorser.GetProperty("message").GetString().Should().Be($"chaincode response {chaincodeStatus}, {message}");
        _host.State.Submitted.Should().BeEmpty();
    }

    [Fact]
    public async Task ChaincodeRefusalOnEvaluate_Is422WithMessage()
    {
        _host.State.Chaincode = _ => new ChaincodeOutcome([]) { Status = 422, Message = "consent withdrawn" };
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/evaluate", HttpAssertions.Submit("Records:Read", "p1"), "eval-refusal");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("detail").GetString().Should().Be("consent withdrawn");
    }

    public static TheoryData<string, int, string> FabricFailures => new()
    {
        { "unavailable", 503, "fabric-unavailable" },
        { "deadline", 504, "timeout" },
        { "invalid-commit", 502, "transaction-invalid" },
        { "submit-refused", 502, "fabric-error" },
        { "not-committed", 504, "timeout" },
        { "unknown-network", 404, "not-found" },
        { "bug", 500, "internal" },
    };

    [Theory]
    [MemberData(nameof(FabricFailures))]
    public async Task FailureOfFabricOrGateway_MapsToStableProblem_WithoutStackTrace(string failure, int httpStatus, string type)
    {
        Exception exception = failure switch
        {
            "unavailable" => new GatewayException("Evaluate failed", StatusCode.Unavailable, [new EndpointError("peer1:7051", "Org1MSP", "connection refused")], null),
            "deadline" => new EndorseException("Endorse timed out", "tx1", StatusCode.DeadlineExceeded, [], null),
            "invalid-commit" => new CommitException("tx2", TxValidationCode.EndorsementPolicyFailure, 7),
            "submit-refused" => new SubmitException("refused", "tx3", StatusCode.Aborted, [new EndpointError("orderer:7050", "OrdererMSP", "received unsuccessful response from orderer: BAD_REQUEST")], null),
            "not-committed" => new TransactionNotCommittedException("not confirmed", "tx4", null),
            "unknown-network" => new UnknownBusinessNetworkException("The business network 'gold' is not configured on this gateway."),
            _ => new InvalidOperationException("secret internal detail"),
        };
        _host.ConfigureServices = services => services.Replace(ServiceDescriptor.Scoped<IChaincodeInvoker>(_ => new ThrowingInvoker(exception)));
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("X:Y"), "failure-" + failure);

        ((int)response.StatusCode).Should().Be(httpStatus);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("type").GetString().Should().Be(Base + type);
        problem.GetProperty("status").GetInt32().Should().Be(httpStatus);
        problem.TryGetProperty("traceId", out _).Should().BeTrue();
        text.Should().NotContain("   at ").And.NotContain("secret internal detail").And.NotContain("Exception");
    }

    [Fact]
    public async Task EndorserDetails_AppearInEndorsersExtension()
    {
        var exception = new SubmitException("refused", "tx3", StatusCode.Aborted, [new EndpointError("orderer0:7050", "OrdererMSP", "BAD_REQUEST")], null);
        _host.ConfigureServices = services => services.Replace(ServiceDescriptor.Scoped<IChaincodeInvoker>(_ => new ThrowingInvoker(exception)));
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("X:Y"), "endorsers");

        var problem = await response.JsonAsync();
        problem.GetProperty("transactionId").GetString().Should().Be("tx3");
        var endorser = problem.GetProperty("endorsers")[0];
        endorser.GetProperty("address").GetString().Should().Be("orderer0:7050");
        endorser.GetProperty("mspId").GetString().Should().Be("OrdererMSP");
        endorser.GetProperty("message").GetString().Should().Be("BAD_REQUEST");
    }

    [Theory]
    [InlineData("{\"transaction\": \"X:Y\", \"arguments\": \"not-an-array\"}", "$.arguments")]
    [InlineData("{\"transaction\": 42, \"arguments\": []}", "$.transaction")]
    [InlineData("{not json", "$")]
    public async Task MalformedOrMistypedJson_Is400NamingTheField(string json, string field)
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", json, "bad-json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.GetProperty("type").GetString().Should().Be(Base + "validation");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().ContainSingle().Which.Should().StartWith(field);
        _host.State.Endorsed.Should().BeEmpty();
    }

    [Fact]
    public async Task BodyOverLimit_Is413()
    {
        _host.Settings["Limits:MaxRequestBodyBytes"] = "1024";
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("X:Y", new string('a', 4096)), "huge");

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.JsonAsync()).GetProperty("type").GetString().Should().Be(Base + "payload-too-large");
        _host.State.Endorsed.Should().BeEmpty();
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.JsonAsync()).GetProperty("type").GetString().Should().Be(Base + "not-found");
    }

    [Fact]
    public async Task RequestsOverRateLimit_Are429ForThatPrincipalOnly()
    {
        _host.Settings["Limits:PermitsPerWindow"] = "2";
        _host.Settings["Limits:Window"] = "00:01:00";
        using var alice = _host.CreateClient(ApiTestHost.AliceKey);
        using var bob = _host.CreateClientOfCurrentHost(ApiTestHost.BobKey, "org1-user");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await alice.GetAsync(new Uri("/api/test/whoami", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        using var other = await bob.GetAsync(new Uri("/api/test/whoami", UriKind.Relative));
        other.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
