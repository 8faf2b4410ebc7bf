using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests.RestGateway;

/// <summary>An endpoint of the gateway: one HTTP method of one route (pattern with a leading '/').</summary>
internal sealed record GatewayEndpoint(string Method, string Pattern, RouteEndpoint Route)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// The gateway's own endpoint catalog (its <see cref="EndpointDataSource"/>), read at run time so that an endpoint
/// added to the gateway shows up in the coverage checks without a test change.
/// </summary>
internal static class GatewayEndpointCatalog
{
    /// <summary>Every (method, route) at or below <paramref name="prefix"/> (e.g. <c>/api/trade</c>).</summary>
    public static IReadOnlyList<GatewayEndpoint> Under(IServiceProvider services, string prefix)
    {
        var root = "/" + prefix.Trim('/');
        return [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(route => (Route: route, Pattern: "/" + (route.RoutePattern.RawText ?? string.Empty).Trim('/')))
            .Where(e => e.Pattern == root || e.Pattern.StartsWith(root + "/", StringComparison.Ordinal))
            .SelectMany(e => (e.Route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => new GatewayEndpoint(method, e.Pattern, e.Route)))];
    }
}
