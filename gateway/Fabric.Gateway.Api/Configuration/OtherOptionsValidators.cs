using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Configuration;

/// <summary>Checks sections <c>Journal</c>, <c>Idempotency</c> and <c>Limits</c> at start-up.</summary>
internal sealed class OtherOptionsValidators :
    IValidateOptions<JournalOptions>, IValidateOptions<IdempotencyOptions>, IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, JournalOptions options)
    {
        var problems = new List<string>();
        if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.Provider, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Journal:Provider must be 'Sqlite' or 'PostgreSql' (was '{options.Provider}').");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("Journal:ConnectionString is required.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public ValidateOptionsResult Validate(string? name, IdempotencyOptions options)
    {
        var problems = new List<string>();
        if (options.MaxKeyLength is < 1 or > 255)
        {
            problems.Add($"Idempotency:MaxKeyLength must be between 1 and 255 (was {options.MaxKeyLength}).");
        }

        if (options.LeaseDuration <= TimeSpan.Zero)
        {
            problems.Add($"Idempotency:LeaseDuration must be positive (was {options.LeaseDuration}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var problems = new List<string>();
        if (options.MaxRequestBodyBytes <= 0)
        {
            problems.Add($"Limits:MaxRequestBodyBytes must be positive (was {options.MaxRequestBodyBytes}).");
        }

        if (options.PermitsPerWindow <= 0)
        {
            problems.Add($"Limits:PermitsPerWindow must be positive (was {options.PermitsPerWindow}).");
        }

        if (options.Window <= TimeSpan.Zero)
        {
            problems.Add($"Limits:Window must be positive (was {options.Window}).");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            problems.Add($"Limits:ShutdownTimeout must not be negative (was {options.ShutdownTimeout}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
