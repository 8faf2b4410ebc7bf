using System.Text;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Configuration;

/// <summary>Checks section <c>Security</c> (and its references into <c>Fabric:Identities</c>) at start-up.</summary>
internal sealed class SecurityOptionsValidator(IOptions<FabricOptions> fabric) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var problems = new List<string>();
        foreach (var scheme in options.EffectiveSchemes)
        {
            if (scheme is not (SecurityOptions.ApiKeyScheme or SecurityOptions.JwtScheme))
            {
                problems.Add($"Security:Schemes holds '{scheme}'; the schemes are '{SecurityOptions.ApiKeyScheme}' and '{SecurityOptions.JwtScheme}'.");
            }
        }

        if (options.EffectiveSchemes.Contains(SecurityOptions.JwtScheme))
        {
            if (string.IsNullOrWhiteSpace(options.Jwt.Issuer))
            {
                problems.Add("Security:Jwt:Issuer is required when the Bearer scheme is enabled.");
            }

            if (string.IsNullOrWhiteSpace(options.Jwt.Audience))
            {
                problems.Add("Security:Jwt:Audience is required when the Bearer scheme is enabled.");
            }

            if (options.Jwt.SigningKey is null || Encoding.UTF8.GetByteCount(options.Jwt.SigningKey) < 32)
            {
                problems.Add("Security:Jwt:SigningKey must be at least 32 bytes when the Bearer scheme is enabled.");
            }
        }

        if (options.Principals.Count == 0)
        {
            problems.Add("Security:Principals is empty: no caller could use the API.");
        }

        var identities = fabric.Value.Identities;
        foreach (var (principal, settings) in options.Principals)
        {
            var where = $"Security:Principals:{principal}";
            if (settings.ApiKeySha256 is null && settings.JwtSubject is null)
            {
                problems.Add($"{where} has neither ApiKeySha256 nor JwtSubject.");
            }

            if (settings.ApiKeySha256 is { } hash && !IsSha256Hex(hash))
            {
                problems.Add($"{where}:ApiKeySha256 must be 64 hexadecimal characters (the SHA-256 of the key, not the key).");
            }

            if (settings.Identities.Count == 0)
            {
                problems.Add($"{where}:Identities is empty.");
            }

            foreach (var identity in settings.Identities.Where(i => !identities.ContainsKey(i)))
            {
                problems.Add($"{where}:Identities names '{identity}', which is not in Fabric:Identities.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsSha256Hex(string value) =>
        value.Length == 64 && value.All(c => char.IsAsciiHexDigit(c));
}
