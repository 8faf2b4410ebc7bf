using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integration.Tests.PharmaSettlement;

/// <summary>
/// Run-unique GS1 keys with valid check digits: a real test-network keeps its ledger between runs, and products,
/// cases and units are keyed by GTIN and SSCC, so every run needs its own.
/// </summary>
internal static class Gs1Keys
{
    /// <summary>A US drug's GTIN-14 (<c>0 03 NNNNNNNNNN C</c>) and the 5-4-1 NDC embedded in it.</summary>
    public static (string Gtin, string Ndc) NewDrugProduct()
    {
        var ndcDigits = RandomDigits(10);
        var gtin = WithCheckDigit("003" + ndcDigits);
        return (gtin, $"{ndcDigits[..5]}-{ndcDigits[5..9]}-{ndcDigits[9..]}");
    }

    /// <summary>An SSCC-18 for a case: extension digit 0, then random digits and the check digit.</summary>
    public static string NewSscc() => WithCheckDigit("0" + RandomDigits(16));

    /// <summary>A GLN-13 for a customer location.</summary>
    public static string NewGln() => WithCheckDigit("9" + RandomDigits(11));

    /// <summary>Appends the GS1 mod-10 check digit (weights 3 and 1 from the right).</summary>
    public static string WithCheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var weight = (body.Length - i) % 2 == 1 ? 3 : 1;
            sum += (body[i] - '0') * weight;
        }

        return body + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }

    private static string RandomDigits(int count)
    {
        var digits = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            digits.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return digits.ToString();
    }
}
