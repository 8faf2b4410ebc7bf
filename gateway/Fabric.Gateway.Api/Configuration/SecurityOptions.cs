namespace Fabric.Gateway.Api.Configuration;

/// <summary>
/// Section <c>Security</c>: how callers authenticate and which Fabric identities each may act as. API keys are
/// stored only as SHA-256 hashes.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>The API key authentication scheme and its header <c>X-Api-Key</c>.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The JWT bearer scheme (<c>Authorization: Bearer ...</c>).</summary>
    public const string JwtScheme = "Bearer";

    /// <summary>Which schemes are accepted: <c>ApiKey</c>, <c>Bearer</c> or both. Default both.</summary>
    public List<string> Schemes { get; } = [];

    /// <summary>Token validation for the <c>Bearer</c> scheme.</summary>
    public JwtOptions Jwt { get; } = new();

    /// <summary>Principal name to its credentials and the identities it may act as.</summary>
    public Dictionary<string, PrincipalOptions> Principals { get; } = new(StringComparer.Ordinal);

    /// <summary>The schemes in force: <see cref="Schemes"/>, or both when none is configured.</summary>
    public IReadOnlyList<string> EffectiveSchemes => Schemes.Count > 0 ? Schemes : [ApiKeyScheme, JwtScheme];
}

/// <summary>How bearer tokens are checked (HMAC-SHA256 signed JWTs).</summary>
public sealed class JwtOptions
{
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>The symmetric signing key as text, at least 32 bytes. Keep it in a secret store, not in appsettings.</summary>
    public string? SigningKey { get; set; }
}

/// <summary>A caller of the API.</summary>
public sealed class PrincipalOptions
{
    /// <summary>Lowercase hex SHA-256 of the caller's API key (never the key itself).</summary>
    public string? ApiKeySha256 { get; set; }

    /// <summary>The <c>sub</c> claim of the caller's bearer tokens.</summary>
    public string? JwtSubject { get; set; }

    /// <summary>Names of the identities (section <c>Fabric:Identities</c>) this caller may act as; the first is the default only when it is the only one.</summary>
    public List<string> Identities { get; } = [];
}
