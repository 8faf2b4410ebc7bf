namespace Fabric.Gateway.Api.Security;

/// <summary>Who is calling: the authenticated principal and the Fabric identity it acts as for this request.</summary>
/// <param name="Principal">The principal's name in <c>Security:Principals</c>.</param>
/// <param name="IdentityName">The identity's name in <c>Fabric:Identities</c>.</param>
public sealed record FabricCaller(string Principal, string IdentityName)
{
    /// <summary>The header that picks which mapped identity to act as.</summary>
    public const string IdentityHeader = "X-Fabric-Identity";

    /// <summary>The caller of the current request, set by the API group's caller filter.</summary>
    /// <exception cref="InvalidOperationException">The request did not pass through the <c>/api</c> group.</exception>
    public static FabricCaller Of(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.Features.Get<FabricCaller>()
            ?? throw new InvalidOperationException("No Fabric caller: the endpoint must be mapped inside the /api group.");
    }
}
