using System.Security.Claims;
using System.Text;
using Fabric.Gateway.Api.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Fabric.Gateway.Api.Security;

/// <summary>Registers the API key and JWT bearer schemes and the policy the <c>/api</c> group requires.</summary>
internal static class SecurityRegistration
{
    public const string CallerPolicy = "fabric-caller";

    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyHashes>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SecurityOptions.ApiKeyScheme, _ => { })
            .AddJwtBearer(SecurityOptions.JwtScheme, _ => { });
        services.AddOptions<JwtBearerOptions>(SecurityOptions.JwtScheme).Configure<IOptions<SecurityOptions>>(ConfigureJwt);
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<SecurityOptions>>((authorization, security) =>
            authorization.AddPolicy(CallerPolicy, policy => policy
                .AddAuthenticationSchemes([.. security.Value.EffectiveSchemes])
                .RequireAuthenticatedUser()));
        return services;
    }

    private static void ConfigureJwt(JwtBearerOptions jwt, IOptions<SecurityOptions> security)
    {
        var settings = security.Value.Jwt;
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKey = settings.SigningKey is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)),
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            NameClaimType = "sub",
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var subject = context.Principal?.FindFirst("sub")?.Value;
                var principal = security.Value.Principals.FirstOrDefault(p => subject is not null && p.Value.JwtSubject == subject).Key;
                if (principal is not null && context.Principal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaim(new Claim(FabricClaims.Principal, principal));
                }

                return Task.CompletedTask;
            },
        };
    }
}
