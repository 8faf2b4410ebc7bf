using System.Text.RegularExpressions;

namespace HealthRecords.Domain;

/// <summary>Input checks shared by the domain types; each failure is a 400 naming the field.</summary>
internal static partial class Validation
{
    /// <summary>Longest identifier accepted (record, consent, patient IDs and codes).</summary>
    public const int MaxIdLength = 128;

    /// <summary>Shortest salt accepted: 128 bits, so a salted hash of a short text cannot be found by guessing.</summary>
    public const int MinSaltLength = 16;

    /// <summary>Longest salt accepted.</summary>
    public const int MaxSaltLength = 64;

    /// <summary>An identifier: letters, digits and <c>. _ - :</c>, 1 to 128 characters (never U+0000, so safe in composite keys).</summary>
    public static string Id(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw HealthErrors.Invalid(field, "is required");
        }

        if (value.Length > MaxIdLength || !IdPattern().IsMatch(value))
        {
            throw HealthErrors.Invalid(field, $"must be 1 to {MaxIdLength} letters, digits, '.', '_', '-' or ':'");
        }

        return value;
    }

    /// <summary>A salt of 16 to 64 bytes.</summary>
    public static byte[] Salt(byte[]? salt, string field)
    {
        if (salt is null || salt.Length < MinSaltLength || salt.Length > MaxSaltLength)
        {
            throw HealthErrors.Invalid(field, $"must be {MinSaltLength} to {MaxSaltLength} random bytes (base64 in JSON)");
        }

        return salt;
    }

    /// <summary>A non-empty text of at most <paramref name="maxLength"/> characters.</summary>
    public static string Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw HealthErrors.Invalid(field, "is required");
        }

        if (value.Length > maxLength)
        {
            throw HealthErrors.Invalid(field, $"must be at most {maxLength} characters");
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
