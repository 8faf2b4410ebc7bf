using System.Net.Http.Json;
using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.TradeFinance;

using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>What the gateway answered to one request, with the endpoint pattern the request was built from.</summary>
internal sealed record RestAnswer(string Caller, string Method, string Pattern, string Path, int Status, string? MediaType, string Text, Uri? Location)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Text.Length == 0 ? "null" : Text);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The ProblemDetails <c>type</c>, or null when the answer is not a problem.</summary>
    public string? ProblemType => MediaType == "application/problem+json" && Json.TryGetProperty("type", out var type) ? type.GetString() : null;

    public string? ProblemDetail => MediaType == "application/problem+json" && Json.TryGetProperty("detail", out var detail) ? detail.GetString() : null;

    /// <summary>The fields a 400 names in <c>errors</c>.</summary>
    public IReadOnlyList<string> ErrorFields =>
        MediaType == "application/problem+json" && Json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? [.. errors.EnumerateObject().Select(e => e.Name)]
            : [];

    public override string ToString() => $"{Caller}: {Method} {Path} -> {Status} {Text}";
}

/// <summary>
/// The REST gateway hosted in front of the trade network with one principal per <see cref="TradeCallers"/> caller.
/// Requests are made from endpoint patterns and recorded for the coverage check; a submit that committed is
/// followed until every organization's peer has its block, because the next request may be endorsed or answered
/// by another organization's peer, which pulls blocks from the orderer on its own schedule.
/// </summary>
internal sealed class TradeRestSession : IAsyncDisposable
{

    private readonly RestGatewayHost _host;
    private readonly FabricTestNetwork _network;
    private readonly TestUser _blockReader;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private TradeRestSession(FabricTestNetwork network, IReadOnlyDictionary<string, TestUser> users)
    {
        _network = network;
        _blockReader = users[TradeCallers.IssuingOfficer];
        _host = RestGatewayHost.Start(network, "trade", TradeActor.Channel, TradeActor.Chaincode, users);
        foreach (var name in users.Keys)
        {
            _clients[name] = _host.ClientOf(name);
        }
    }

    public EndpointCoverage Coverage { get; } = new();

    public IServiceProvider Services => _host.Services;

    public static TradeRestSession Start(FabricTestNetwork network, IReadOnlyDictionary<string, TestUser> users) => new(network, users);

    /// <summary>
    /// Sends a request built from <paramref name="pattern"/>; POSTs carry a fresh Idempotency-Key.
    /// <paramref name="actAs"/> asks for another identity than the caller's own (X-Fabric-Identity).
    /// </summary>
    public async Task<RestAnswer> SendAsync(
        string caller, HttpMethod method, string pattern, IReadOnlyList<string> routeValues, object? body, CancellationToken cancellationToken,
        string? actAs = null)
    {
        var path = TradeRoutes.Fill(pattern, routeValues);
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }

        if (actAs is not null)
        {
            request.Headers.Add("X-Fabric-Identity", actAs);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _clients[caller].SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var answer = new RestAnswer(
            caller, method.Method, pattern, path, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, response.Headers.Location);
        Coverage.Record(method.Method, pattern, answer.Status);
        return answer;
    }

    /// <summary>A submit that must commit with <paramref name="expectedStatus"/>; returns the chaincode's result once every peer has the block.</summary>
    public async Task<JsonElement> SubmitAsync(
        string caller, string pattern, IReadOnlyList<string> routeValues, object? body, CancellationToken cancellationToken,
        int expectedStatus = 200, HttpMethod? method = null)
    {
        var answer = await SendAsync(caller, method ?? HttpMethod.Post, pattern, routeValues, body, cancellationToken);
        answer.Status.Should().Be(expectedStatus, "{0}", answer);
        var json = answer.Json;
        if (expectedStatus == 201)
        {
            answer.Location.Should().NotBeNull("a created resource has a Location ({0})", answer);
        }

        await WaitUntilEveryPeerHasAsync(json.GetProperty("blockNumber").GetUInt64(), cancellationToken);
        return json.GetProperty("result");
    }

    /// <summary>A query that must answer 200; returns the chaincode's JSON.</summary>
    public async Task<JsonElement> QueryAsync(string caller, string pattern, IReadOnlyList<string> routeValues, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(caller, HttpMethod.Get, pattern, routeValues, body: null, cancellationToken);
        answer.Status.Should().Be(200, "{0}", answer);
        return answer.Json;
    }

    /// <summary>Waits until the peer of every trade organization delivers <paramref name="blockNumber"/>, i.e. has committed it.</summary>
    public Task WaitUntilEveryPeerHasAsync(ulong blockNumber, CancellationToken cancellationToken) =>
        PeerBlocks.WaitUntilEveryPeerHasAsync(_network, _blockReader, TradeActor.Channel, TradeActor.Organizations, blockNumber, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await _host.DisposeAsync();
    }
}
