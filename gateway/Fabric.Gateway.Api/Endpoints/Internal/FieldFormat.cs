using System.Text.RegularExpressions;

namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>
/// A shape a field must have, checked before anything is sent to Fabric. The rules copy the chaincodes' own input
/// checks where those depend on the value alone (formats, lengths, check digits); rules that depend on the ledger
/// or on the transaction's timestamp stay with the chaincode, which remains the authority.
/// </summary>
/// <param name="Describe">Returns null when the value is acceptable, else what is wrong (never quoting the value).</param>
internal sealed record FieldFormat(Func<string, string?> Describe)
{
    public static FieldFormat Pattern(Regex pattern, string rule) => new(value => pattern.IsMatch(value) ? null : rule);
}

/// <summary>The formats shared by the business networks.</summary>
internal static partial class Formats
{
    /// <summary>Trade finance IDs (credits, amendments, presentations, eB/Ls, companies, MSP IDs).</summary>
    public static readonly FieldFormat TradeId = FieldFormat.Pattern(
        TradeIdPattern(), "must be 1 to 64 letters, digits or - _ . : /, starting with a letter or digit.");

    /// <summary>Pharma IDs (shipments, contracts, sales, claims, invoices, settlements, MSP IDs).</summary>
    public static readonly FieldFormat PharmaId = FieldFormat.Pattern(
        PharmaIdPattern(), "must be 1 to 64 letters, digits, '.', '_' or '-'.");

    /// <summary>Health IDs (records, consents, patients, categories, codes, amendments, audit entries).</summary>
    public static readonly FieldFormat HealthId = FieldFormat.Pattern(
        HealthIdPattern(), "must be 1 to 128 letters, digits, '.', '_', '-' or ':'.");

    /// <summary>Hospital MSP IDs: they become part of collection names.</summary>
    public static readonly FieldFormat HospitalMspId = FieldFormat.Pattern(
        HospitalMspIdPattern(), "must be 1 to 64 letters, digits or '-'.");

    /// <summary>An organization's MSP ID in a configuration's role lists.</summary>
    public static readonly FieldFormat MspId = FieldFormat.Pattern(
        MspIdPattern(), "must be an MSP ID of 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit.");

    /// <summary>ISO 4217 currency code.</summary>
    public static readonly FieldFormat Currency = FieldFormat.Pattern(
        CurrencyPattern(), "must be a three-letter ISO 4217 code in capitals (for example USD).");

    /// <summary>UN/LOCODE of a port.</summary>
    public static readonly FieldFormat UnLocode = FieldFormat.Pattern(
        UnLocodePattern(), "must be a UN/LOCODE: two capital letters then three capital letters or digits 2-9, for example NLRTM.");

    /// <summary>A SHA-256 in lowercase hex, as the chaincodes compare them.</summary>
    public static readonly FieldFormat Sha256Hex = FieldFormat.Pattern(Sha256Pattern(), "must be a SHA-256 in lowercase hex (64 characters).");

    /// <summary>A collection name in a collections config.</summary>
    public static readonly FieldFormat CollectionName = FieldFormat.Pattern(
        CollectionPattern(), "must be a collection name of letters, digits, '-' and '_', not starting with '_'.");

    /// <summary>A MIME type such as application/fhir+json.</summary>
    public static readonly FieldFormat MimeType = new(value =>
        value.Length <= 128 && MimeTypePattern().IsMatch(value) ? null : "must be a MIME type such as application/fhir+json.");

    /// <summary>GTIN-8, -12, -13 or -14 with a correct GS1 check digit.</summary>
    public static readonly FieldFormat Gtin = new(value =>
        value.Length is not (8 or 12 or 13 or 14) || !value.All(char.IsAsciiDigit) ? "a GTIN has 8, 12, 13 or 14 digits."
        : !HasValidCheckDigit(value) ? "the GS1 check digit is wrong."
        : null);

    /// <summary>13-digit GLN with a correct check digit.</summary>
    public static readonly FieldFormat Gln = NumericKey(13, "a GLN has 13 digits.");

    /// <summary>18-digit SSCC (a shipping case) with a correct check digit.</summary>
    public static readonly FieldFormat Sscc = NumericKey(18, "an SSCC has 18 digits.");

    /// <summary>GS1 serial or lot number (AI 21, AI 10): 1 to 20 characters of GS1 character set 82.</summary>
    public static readonly FieldFormat Gs1Attribute = FieldFormat.Pattern(
        Gs1AttributePattern(), "must be 1 to 20 characters of GS1 character set 82 (letters, digits and !\"%&'()*+,-./:;<=>?_).");

    /// <summary>US National Drug Code, hyphenated 4-4-2, 5-3-2, 5-4-1 or 5-4-2.</summary>
    public static readonly FieldFormat Ndc = FieldFormat.Pattern(
        NdcPattern(), "an NDC is three hyphen-separated groups of digits laid out 4-4-2, 5-3-2, 5-4-1 or 5-4-2.");

    /// <summary>A positive whole number written in decimal digits (a line number in a route).</summary>
    public static readonly FieldFormat PositiveInteger = new(value =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? null
            : "must be a positive whole number.");

    /// <summary>An ISO 8601 calendar date, yyyy-MM-dd.</summary>
    public static readonly FieldFormat Date = new(value =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
            ? null
            : "must be a date written yyyy-MM-dd.");

    private static FieldFormat NumericKey(int length, string rule) => new(value =>
        value.Length != length || !value.All(char.IsAsciiDigit) ? rule
        : !HasValidCheckDigit(value) ? "the GS1 check digit is wrong."
        : null);

    /// <summary>GS1 mod-10: weights 3 and 1 alternate from the digit next to the check digit.</summary>
    private static bool HasValidCheckDigit(string key)
    {
        var sum = 0;
        var weight = 3;
        for (var i = key.Length - 2; i >= 0; i--)
        {
            sum += (key[i] - '0') * weight;
            weight = 4 - weight;
        }

        return (10 - (sum % 10)) % 10 == key[^1] - '0';
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TradeIdPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PharmaIdPattern();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex HealthIdPattern();

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HospitalMspIdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex MspIdPattern();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z]{2}[A-Z2-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex UnLocodePattern();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^[A-Za-z0-9-][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CollectionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.+-]*/[A-Za-z0-9][A-Za-z0-9.+-]*(;[ -~]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex MimeTypePattern();

    [GeneratedRegex("""^[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]{1,20}$""", RegexOptions.CultureInvariant)]
    private static partial Regex Gs1AttributePattern();

    [GeneratedRegex("^([0-9]{4}-[0-9]{4}-[0-9]{2}|[0-9]{5}-[0-9]{3}-[0-9]{2}|[0-9]{5}-[0-9]{4}-[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex NdcPattern();
}
