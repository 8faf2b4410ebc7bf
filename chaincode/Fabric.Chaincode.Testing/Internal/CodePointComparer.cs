using System.Text;

namespace Fabric.Chaincode.Testing.Internal;

/// <summary>
/// Orders keys as Fabric's state databases do: by their UTF-8 bytes, which is Unicode code point order. .NET's
/// ordinal comparison orders UTF-16 code units instead, which puts U+E000..U+FFFF after the supplementary planes
/// and would drop such keys from partial composite key ranges (which end at U+10FFFF).
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }

    public static bool IsBefore(string key, string bound) => Instance.Compare(key, bound) < 0;

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
