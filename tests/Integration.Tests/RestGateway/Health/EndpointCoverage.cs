using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Integration.Tests.RestGateway.Health;

/// <summary>
/// The gateway's own endpoint catalog under one prefix (read from its <see cref="EndpointDataSource"/>, so an endpoint
/// added later shows up here without a test change), and which of those endpoints have answered 2xx. A request path is
/// matched back to its route pattern with the routing's template matcher.
/// </summary>
internal sealed class EndpointCoverage
{
    private readonly List<CatalogEndpoint> _catalog;
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _substitutes = new(StringComparer.Ordinal);
    private readonly List<string> _unmatched = [];

    public EndpointCoverage(IServiceProvider services, string prefix)
    {
        _catalog = [.. GatewayEndpointCatalog.Under(services, prefix).Select(e => new CatalogEndpoint(
            e.Method, e.Pattern, new TemplateMatcher(new RouteTemplate(e.Route.RoutePattern), new RouteValueDictionary()),
            e.Route.RoutePattern.PathSegments.Count(segment => segment.IsSimple && segment.Parts[0].IsLiteral)))];
    }

    /// <summary>Every endpoint of the catalog as "METHOD /route/{pattern}".</summary>
    public IReadOnlySet<string> Catalog => _catalog.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The endpoints that answered 2xx at least once.</summary>
    public IReadOnlySet<string> Answered => _answered;

    /// <summary>Endpoints counted as exercised without a 2xx, each with why (see <see cref="CountInstead"/>).</summary>
    public IReadOnlyDictionary<string, string> Substitutes => _substitutes;

    /// <summary>Requests that matched no endpoint of the catalog (a test calling a route that does not exist).</summary>
    public IReadOnlyList<string> Unmatched => _unmatched;

    /// <summary>Notes the answer to <paramref name="method"/> <paramref name="path"/>.</summary>
    public void Record(HttpMethod method, string path, int status)
    {
        if (status is >= 200 and < 300)
        {
            if (Match(method, path) is { } endpoint)
            {
                _answered.Add(endpoint);
            }
            else
            {
                _unmatched.Add($"{method} {path}");
            }
        }
    }

    /// <summary>
    /// Counts an endpoint whose 2xx the shared network's state made impossible in this run (a one-time transaction
    /// another test already ran), with the reason, which the coverage report shows.
    /// </summary>
    public void CountInstead(HttpMethod method, string path, string reason)
    {
        var endpoint = Match(method, path) ?? throw new ArgumentException($"{method} {path} is no endpoint of the catalog.", nameof(path));
        if (!_answered.Contains(endpoint))
        {
            _substitutes[endpoint] = reason;
        }
    }

    /// <summary>"METHOD /route/{pattern}" of the endpoint that serves the request, or null.</summary>
    public string? Match(HttpMethod method, string path)
    {
        var pathOnly = new PathString(path.Split('?')[0]);
        return _catalog
            .Where(e => string.Equals(e.Method, method.Method, StringComparison.OrdinalIgnoreCase) && e.Matcher.TryMatch(pathOnly, []))
            .OrderByDescending(e => e.LiteralSegments)
            .Select(e => e.Name)
            .FirstOrDefault();
    }

    private sealed record CatalogEndpoint(string Method, string Pattern, TemplateMatcher Matcher, int LiteralSegments)
    {
        public string Name => $"{Method} {Pattern}";
    }
}
