using System.Threading.RateLimiting;
using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Errors;
using Fabric.Gateway.Api.Security;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Operations;

/// <summary>A fixed window of requests per principal (<c>Limits</c>); beyond it, 429 ProblemDetails.</summary>
internal static class RateLimiting
{
    public const string PerPrincipalPolicy = "per-principal";

    public static IServiceCollection AddPerPrincipalRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) => new ValueTask(TypedResults.Problem(
                Problems.Create(ProblemKind.RateLimited, "The caller exceeded its request rate; retry later.")).ExecuteAsync(context.HttpContext));
            limiter.AddPolicy(PerPrincipalPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
                var principal = http.User.FindFirst(FabricClaims.Principal)?.Value ?? string.Empty;
                return RateLimitPartition.GetFixedWindowLimiter(principal, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
        });
}
