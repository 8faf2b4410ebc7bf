namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// Orders strings by their UTF-8 bytes, which is the order of Fabric's LevelDB state. Plain ordinal (UTF-16) order
/// differs for characters U+E000..U+FFFF against supplementary characters (surrogate pairs): UTF-16 puts the pairs
/// first, UTF-8 puts them last. That matters for composite-key range queries, whose end key is the partial key
/// followed by U+10FFFF.
/// </summary>
internal sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static Utf8OrdinalComparer Instance { get; } = new();

    private Utf8OrdinalComparer()
    {
    }

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

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a != b)
            {
                return CodePointRank(a) - CodePointRank(b);
            }
        }

        return x.Length - y.Length;
    }

    // Moves surrogates above every other UTF-16 unit so that unit-wise comparison follows code-point order
    // (and code-point order is UTF-8 byte order).
    private static int CodePointRank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}
