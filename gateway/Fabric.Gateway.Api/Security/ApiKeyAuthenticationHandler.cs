using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Fabric.Gateway.Api.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the SHA-256 hashes in <c>Security:Principals</c>. Every hash is
/// compared in constant time, and the key itself is never logged or kept.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyHashes hashes)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = values.ToString();
        if (key.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is empty."));
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        string? match = null;
        foreach (var (principal, hash) in hashes.All)
        {
            // No early exit: the time taken must not tell how many principals were tried.
            if (CryptographicOperations.FixedTimeEquals(presented, hash) && match is null)
            {
                match = principal;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(FabricClaims.Principal, match), new Claim(ClaimTypes.Name, match)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"ApiKey header=\"{HeaderName}\"");
        return Task.CompletedTask;
    }
}

/// <summary>The principals' API key hashes from <c>Security:Principals</c>, decoded once rather than on every request.</summary>
internal sealed class ApiKeyHashes(IOptions<SecurityOptions> security)
{
    public IReadOnlyList<(string Principal, byte[] Hash)> All { get; } =
    [
        .. security.Value.Principals
            .Where(principal => principal.Value.ApiKeySha256 is { Length: 64 })
            .Select(principal => (principal.Key, Convert.FromHexString(principal.Value.ApiKeySha256!))),
    ];
}

/// <summary>Claims the gateway adds to authenticated callers.</summary>
internal static class FabricClaims
{
    /// <summary>The name of the principal (<c>Security:Principals</c>) the caller authenticated as.</summary>
    public const string Principal = "fabric:principal";
}
