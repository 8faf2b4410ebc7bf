using System.Globalization;
using System.Text;

namespace Fabric.Chaincode;

/// <summary>
/// Fabric's composite keys, encoded exactly as the Go and Node shims do, so keys written by chaincode in any
/// language are found by the others: U+0000, the object type, U+0000, then every attribute followed by U+0000.
/// Keys starting with U+0000 live in a namespace of their own that simple-key range queries never return.
/// </summary>
public static class CompositeKey
{
    /// <summary>The first character of every composite key (Fabric's compositeKeyNamespace).</summary>
    public const char Namespace = '\u0000';

    /// <summary>The separator after the object type and after every attribute (U+0000, the minimum code point).</summary>
    public const char Separator = '\u0000';

    /// <summary>U+10FFFF, the maximum code point, as a UTF-16 string: the open end of a partial composite key range.</summary>
    public const string MaxCodePoint = "\U0010FFFF";

    /// <summary>What an empty start key of a range query is replaced with, so that the range excludes composite keys.</summary>
    internal const string EmptyStartKeySubstitute = "\u0001";

    /// <summary>Builds the composite key of <paramref name="objectType"/> and <paramref name="attributes"/>.</summary>
    /// <exception cref="ArgumentException">A part is not valid Unicode or contains U+0000 or U+10FFFF.</exception>
    public static string Create(string objectType, params IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(attributes);
        ValidatePart(objectType, nameof(objectType));
        var length = objectType.Length + 2;
        foreach (var attribute in attributes)
        {
            ArgumentNullException.ThrowIfNull(attribute, nameof(attributes));
            ValidatePart(attribute, nameof(attributes));
            length += attribute.Length + 1;
        }

        var builder = new StringBuilder(length);
        builder.Append(Namespace).Append(objectType).Append(Separator);
        foreach (var attribute in attributes)
        {
            builder.Append(attribute).Append(Separator);
        }

        return builder.ToString();
    }

    /// <summary>Splits a key made by <see cref="Create"/> into its object type and attributes.</summary>
    /// <exception cref="ArgumentException">The key is not a composite key.</exception>
    public static (string ObjectType, IReadOnlyList<string> Attributes) Split(string compositeKey)
    {
        ArgumentNullException.ThrowIfNull(compositeKey);
        if (compositeKey.Length < 2 || compositeKey[0] != Namespace || compositeKey[^1] != Separator)
        {
            throw new ArgumentException("The key is not a composite key: it must start and end with U+0000.", nameof(compositeKey));
        }

        var parts = compositeKey[1..^1].Split(Separator);
        return (parts[0], parts[1..]);
    }

    /// <summary>The [start, end) range of every composite key that begins with the given parts.</summary>
    internal static (string StartKey, string EndKey) PartialKeyRange(string objectType, IReadOnlyList<string> attributes)
    {
        var start = Create(objectType, attributes);
        return (start, start + MaxCodePoint);
    }

    /// <summary>Rejects simple keys that would reach into the composite key namespace.</summary>
    internal static void ValidateSimpleKey(string key, string parameterName)
    {
        if (key.Length > 0 && key[0] == Namespace)
        {
            throw new ArgumentException(
                "The first character of a simple key must not be U+0000, which begins composite keys.", parameterName);
        }
    }

    private static void ValidatePart(string part, string parameterName)
    {
        var position = 0;
        foreach (var rune in EnumerateRunesStrictly(part, parameterName))
        {
            if (rune.Value == 0 || rune.Value == 0x10FFFF)
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Input contains U+{rune.Value:X4} at position {position}: U+0000 and U+10FFFF are not allowed in the parts of a composite key."),
                    parameterName);
            }

            position += rune.Utf16SequenceLength;
        }
    }

    private static IEnumerable<Rune> EnumerateRunesStrictly(string text, string parameterName)
    {
        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Input is not valid Unicode (a lone surrogate at position {index}) and cannot be encoded as UTF-8."),
                    parameterName);
            }

            yield return rune;
            index += consumed;
        }
    }
}
