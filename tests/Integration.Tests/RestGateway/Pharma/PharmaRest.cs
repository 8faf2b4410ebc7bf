using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using FluentAssertions;

using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway.Pharma;

/// <summary>An HTTP answer of the gateway: status, JSON body (null when empty) and media type.</summary>
internal sealed record Answer(int Status, JsonElement Body, string? MediaType)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The ProblemDetails <c>type</c> without the common prefix (e.g. <c>forbidden</c>), or null.</summary>
    public string? ProblemType => Text("type") is { } type && type.StartsWith(ProblemTypeBase, StringComparison.Ordinal) ? type[ProblemTypeBase.Length..] : Text("type");

    public string Detail => Text("detail") ?? string.Empty;

    /// <summary>The <c>result</c> of a committed transaction.</summary>
    public JsonElement Result => Body.GetProperty("result");

    /// <summary>The fields a 400 names in <c>errors</c>.</summary>
    public IReadOnlyList<string> ErrorFields =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(e => e.Name).ToList()
            : [];

    /// <summary>What a failure message shows: status and body.</summary>
    public override string ToString() => $"{Status} {Body.GetRawText()}";

    private const string ProblemTypeBase = "https://fabric-dotnet.dev/problems/";

    private string? Text(string property) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// The pharma callers' HTTP clients in front of one gateway host. Remembers every route that answered 2xx (for the
/// coverage check), and after every committed transaction waits until the peer of each pharma organization has the
/// block: the gateway's commit status speaks for the caller's own peer only, and the next step may be endorsed or read
/// on another organization's peer.
/// </summary>
internal sealed class PharmaRest(FabricTestNetwork network, RestGatewayHost host, IReadOnlyDictionary<string, TestUser> users) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PharmaRoute, byte> _answeredSuccess = new();

    /// <summary>The routes that answered 2xx at least once.</summary>
    public IReadOnlyCollection<PharmaRoute> AnsweredSuccess => _answeredSuccess.Keys.ToList();

    public IServiceProvider GatewayServices => host.Services;

    /// <summary>Calls <paramref name="route"/> as <paramref name="role"/>; POSTs carry a fresh Idempotency-Key.</summary>
    public async Task<Answer> CallAsync(string role, PharmaRoute route, string[] routeValues, object? body = null, CancellationToken cancellationToken = default)
    {
        var client = _clients.GetOrAdd(role, host.ClientOf);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(route.Path(routeValues), UriKind.Relative));
        if (route.Method == "POST")
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        var answer = new Answer((int)response.StatusCode, document.RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
        if (answer.IsSuccess)
        {
            _answeredSuccess.TryAdd(route, 0);
            if (!route.IsQuery)
            {
                await WaitForEveryPeerAsync(answer.Body.GetProperty("blockNumber").GetUInt64(), cancellationToken);
            }
        }

        return answer;
    }

    /// <summary>Calls and requires <paramref name="expectedStatus"/>; returns the body.</summary>
    public async Task<JsonElement> ExpectAsync(
        string role, PharmaRoute route, string[] routeValues, object? body, int expectedStatus, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(role, route, routeValues, body, cancellationToken);
        answer.Status.Should().Be(expectedStatus, "{0} as {1} answered {2}", route, role, answer);
        return answer.Body;
    }

    /// <summary>Calls and requires a ProblemDetails refusal with this status, type and wording in its detail.</summary>
    public async Task<Answer> RefusedAsync(
        string role, PharmaRoute route, string[] routeValues, object? body, int status, string type, string wording, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(role, route, routeValues, body, cancellationToken);
        answer.Status.Should().Be(status, "{0} as {1} answered {2}", route, role, answer);
        answer.MediaType.Should().Be("application/problem+json");
        answer.ProblemType.Should().Be(type, answer.ToString());
        answer.Detail.Should().Contain(wording, answer.ToString());
        return answer;
    }

    private Task WaitForEveryPeerAsync(ulong blockNumber, CancellationToken cancellationToken) =>
        PeerBlocks.WaitUntilEveryPeerHasAsync(
            network, users[PharmaRoles.All[0].Name], PharmaNetwork.Channel,
            [PharmaRoles.Manufacturer, PharmaRoles.Wholesaler, PharmaRoles.Pharmacy], blockNumber, cancellationToken);

    public ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        return host.DisposeAsync();
    }
}

/// <summary>Where the pharma business network lives.</summary>
internal static class PharmaNetwork
{
    public const string Name = "pharma";
    public const string Channel = "pharma";
    public const string Chaincode = "pharma-settlement";
    public const string PricingCollection = "manufacturerWholesalerPricing";
}
