using System.Collections.Concurrent;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>An endpoint as the coverage check compares them: HTTP method and route pattern (leading '/').</summary>
internal sealed record EndpointKey(string Method, string Pattern)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// Which endpoints answered 2xx in a run, and the gateway's own catalog of endpoints, so that an endpoint added to
/// the gateway without a test shows up as missing.
/// </summary>
internal sealed class EndpointCoverage
{
    private readonly ConcurrentDictionary<EndpointKey, int> _answered = new();

    public IReadOnlyCollection<EndpointKey> Answered2xx => [.. _answered.Keys];

    public void Record(string method, string pattern, int status)
    {
        if (status is >= 200 and < 300)
        {
            _answered.TryAdd(new EndpointKey(method, Normalize(pattern)), status);
        }
    }

    /// <summary>Every (method, pattern) of the gateway's endpoint catalog under <paramref name="prefix"/>.</summary>
    public static IReadOnlySet<EndpointKey> Catalog(IServiceProvider services, string prefix) =>
        GatewayEndpointCatalog.Under(services, prefix).Select(e => new EndpointKey(e.Method, e.Pattern)).ToHashSet();

    private static string Normalize(string pattern) => "/" + pattern.TrimStart('/');
}
