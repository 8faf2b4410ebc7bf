using System.Buffers;

namespace PharmaSettlement.Domain;

/// <summary>
/// GS1 identifiers used by DSCSA serialization: GTIN (product), GLN (party or location), SSCC (logistic unit, a case)
/// and the AI 21 serial / AI 10 lot attributes. Every numeric GS1 key ends in a mod-10 check digit.
/// </summary>
internal static class Gs1
{
    /// <summary>GS1's "character set 82" (the characters allowed in serial numbers and lots).</summary>
    private static readonly SearchValues<char> CharacterSet82 =
        SearchValues.Create("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// The GS1 check digit of <paramref name="body"/> (the key without its check digit): digits are weighted 3 and 1
    /// alternately starting with 3 at the rightmost digit; the check digit brings the sum to a multiple of ten.
    /// </summary>
    public static int CheckDigit(ReadOnlySpan<char> body)
    {
        var sum = 0;
        var weight = 3;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var digit = body[i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException("A GS1 key consists of digits only.", nameof(body));
            }

            sum += digit * weight;
            weight = 4 - weight;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>True when <paramref name="key"/> is all digits and its last digit is the right check digit.</summary>
    public static bool HasValidCheckDigit(string key) =>
        key.Length >= 2 && key.All(char.IsAsciiDigit) && CheckDigit(key.AsSpan(0, key.Length - 1)) == key[^1] - '0';

    /// <summary>
    /// A GTIN-8, -12, -13 or -14 as the 14-digit form used in keys (left-padded with zeros, as GS1 prescribes).
    /// </summary>
    public static string NormalizeGtin(string? gtin, string field = "gtin")
    {
        if (string.IsNullOrEmpty(gtin))
        {
            throw Refusals.Invalid(field, "is required.");
        }

        if (gtin.Length is not (8 or 12 or 13 or 14) || !gtin.All(char.IsAsciiDigit))
        {
            throw Refusals.Invalid(field, "a GTIN has 8, 12, 13 or 14 digits.");
        }

        if (!HasValidCheckDigit(gtin))
        {
            throw Refusals.Invalid(field, "the GS1 check digit is wrong.");
        }

        return gtin.PadLeft(14, '0');
    }

    /// <summary>Validates a 13-digit GLN (a customer or location).</summary>
    public static string ValidateGln(string? gln, string field = "gln") => ValidateNumericKey(gln, 13, "GLN", field);

    /// <summary>Validates an 18-digit SSCC (the identifier of a case).</summary>
    public static string ValidateSscc(string? sscc, string field = "caseId") => ValidateNumericKey(sscc, 18, "SSCC", field);

    /// <summary>Validates a serial number (AI 21): 1 to 20 characters of GS1 character set 82.</summary>
    public static string ValidateSerial(string? serial, string field = "serial") => ValidateAttribute(serial, field, "serial number");

    /// <summary>Validates a batch or lot number (AI 10): 1 to 20 characters of GS1 character set 82.</summary>
    public static string ValidateLot(string? lot, string field = "lot") => ValidateAttribute(lot, field, "lot number");

    private static string ValidateNumericKey(string? key, int length, string kind, string field)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw Refusals.Invalid(field, "is required.");
        }

        if (key.Length != length || !key.All(char.IsAsciiDigit))
        {
            throw Refusals.Invalid(field, $"an {kind} has {length} digits.");
        }

        return HasValidCheckDigit(key) ? key : throw Refusals.Invalid(field, "the GS1 check digit is wrong.");
    }

    private static string ValidateAttribute(string? value, string field, string kind)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Refusals.Invalid(field, "is required.");
        }

        if (value.Length > 20)
        {
            throw Refusals.Invalid(field, $"a {kind} has at most 20 characters.");
        }

        return value.AsSpan().ContainsAnyExcept(CharacterSet82)
            ? throw Refusals.Invalid(field, $"a {kind} may only contain GS1 character set 82 (letters, digits and !\"%&'()*+,-./:;<=>?_).")
            : value;
    }
}
