namespace PharmaSettlement.Domain;

/// <summary>
/// The US National Drug Code: ten digits in one of the FDA's labeler-product-package layouts 4-4-2, 5-3-2 or 5-4-1
/// (with hyphens), or the 11-digit 5-4-2 billing form. A US drug's GTIN carries the ten NDC digits after the
/// packaging indicator and the "03" prefix: <c>N 03 NNNNNNNNNN C</c>.
/// </summary>
internal static class Ndc
{
    private static readonly int[][] TenDigitLayouts = [[4, 4, 2], [5, 3, 2], [5, 4, 1]];

    /// <summary>Validates the NDC's layout and returns it unchanged.</summary>
    public static string Validate(string? ndc, string field = "ndc")
    {
        if (string.IsNullOrEmpty(ndc))
        {
            throw Refusals.Invalid(field, "is required.");
        }

        var segments = ndc.Split('-');
        if (segments.Length != 3 || segments.Any(s => s.Length == 0 || !s.All(char.IsAsciiDigit)))
        {
            throw Refusals.Invalid(field, "an NDC is three hyphen-separated groups of digits (4-4-2, 5-3-2, 5-4-1 or 5-4-2).");
        }

        var lengths = segments.Select(s => s.Length).ToArray();
        var isTenDigit = TenDigitLayouts.Any(layout => layout.SequenceEqual(lengths));
        var isBilling = lengths.SequenceEqual([5, 4, 2]);
        return isTenDigit || isBilling
            ? ndc
            : throw Refusals.Invalid(field, "an NDC is laid out 4-4-2, 5-3-2, 5-4-1 or (11 digits) 5-4-2.");
    }

    /// <summary>
    /// True when the 10-digit NDC is the one embedded in <paramref name="gtin14"/>. An 11-digit billing NDC carries a
    /// padding zero that the GTIN does not; it matches when removing that zero gives the embedded ten digits.
    /// </summary>
    public static bool MatchesGtin(string ndc, string gtin14)
    {
        if (gtin14.Length != 14 || gtin14[1] != '0' || gtin14[2] != '3')
        {
            return false;
        }

        var embedded = gtin14.Substring(3, 10);
        var segments = ndc.Split('-');
        var digits = string.Concat(segments);
        if (digits.Length == 10)
        {
            return digits == embedded;
        }

        // 5-4-2 billing form: the zero that padded one group of the original 10-digit code may be in any group.
        var candidates = new[]
        {
            segments[0][0] == '0' ? segments[0][1..] + segments[1] + segments[2] : null,
            segments[1][0] == '0' ? segments[0] + segments[1][1..] + segments[2] : null,
            segments[2][0] == '0' ? segments[0] + segments[1] + segments[2][1..] : null,
        };
        return candidates.Contains(embedded);
    }
}
