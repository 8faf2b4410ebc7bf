using System.Text.RegularExpressions;

namespace TradeFinance.Domain.Common;

/// <summary>The shape of every ID used in keys: letters, digits and <c>-_.:/</c>, 1 to 64 characters.</summary>
internal static partial class Identifiers
{
    /// <summary>Throws 400 unless <paramref name="value"/> is a usable ID.</summary>
    public static string Require(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw TradeErrors.Invalid(field, "is required.");
        }

        if (!IdPattern().IsMatch(value))
        {
            throw TradeErrors.Invalid(field, "must be 1 to 64 characters: letters, digits and - _ . : /, starting with a letter or digit.");
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
