using System.Buffers;
using System.Globalization;
using System.Text;

namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>
/// What free text (names, addresses, descriptions, reasons) may contain. Any Unicode letter, mark, symbol or
/// emoji is accepted as sent (no normalization: the chaincode hashes exactly these code points), but control
/// characters other than tab and line breaks, unpaired surrogates and bidirectional override controls are
/// refused: they cannot be stored faithfully or would let a text display differently from what was signed.
/// </summary>
internal static class FreeText
{
    public static string? FindProblem(string value)
    {
        foreach (var rune in EnumerateRunes(value))
        {
            if (rune is null)
            {
                return "contains an unpaired UTF-16 surrogate.";
            }

            var r = rune.Value;
            if (Rune.GetUnicodeCategory(r) == UnicodeCategory.Control && r.Value is not ('\t' or '\n' or '\r'))
            {
                return "must not contain control characters (other than tab and line breaks).";
            }

            if (r.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069))
            {
                return "must not contain bidirectional override characters.";
            }
        }

        return null;
    }

    private static IEnumerable<Rune?> EnumerateRunes(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != OperationStatus.Done)
            {
                yield return null;
                yield break;
            }

            yield return rune;
            i += consumed;
        }
    }
}
