using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Errors;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Security;

/// <summary>
/// Resolves which Fabric identity the authenticated caller acts as (<c>X-Fabric-Identity</c>, or the only one mapped
/// to it) and refuses with 403 an identity that is not mapped to the caller.
/// </summary>
internal sealed class CallerFilter(IOptions<SecurityOptions> security) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var principal = http.User.FindFirst(FabricClaims.Principal)?.Value;
        if (principal is null || !security.Value.Principals.TryGetValue(principal, out var settings))
        {
            return Problems.Result(ProblemKind.Forbidden, "The authenticated caller is not mapped to any principal of this gateway.");
        }

        string identity;
        var requested = http.Request.Headers[FabricCaller.IdentityHeader].ToString();
        if (requested.Length > 0)
        {
            if (!settings.Identities.Contains(requested, StringComparer.Ordinal))
            {
                return Problems.Result(ProblemKind.Forbidden, $"The caller may not act as the identity '{requested}'.");
            }

            identity = requested;
        }
        else if (settings.Identities.Count == 1)
        {
            identity = settings.Identities[0];
        }
        else
        {
            return Problems.Validation(FabricCaller.IdentityHeader,
                $"Several identities are mapped to the caller; choose one with the {FabricCaller.IdentityHeader} header.");
        }

        http.Features.Set(new FabricCaller(principal, identity));
        return await next(context).ConfigureAwait(false);
    }
}
