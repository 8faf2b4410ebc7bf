namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// An immutable table of keys in UTF-8 byte order: point lookups and range scans by binary search. Updates build a
/// new table (copy-on-write), so a reader holding a table is never disturbed by a block being applied.
/// </summary>
internal sealed class SortedKeyTable<TValue>
    where TValue : class
{
    private readonly string[] keys;
    private readonly TValue[] values;

    private SortedKeyTable(string[] keys, TValue[] values)
    {
        this.keys = keys;
        this.values = values;
    }

    public static SortedKeyTable<TValue> Empty { get; } = new([], []);

    public int Count => keys.Length;

    public TValue? Get(string key)
    {
        var index = Array.BinarySearch(keys, key, Utf8OrdinalComparer.Instance);
        return index >= 0 ? values[index] : null;
    }

    /// <summary>Entries with startKey &lt;= key &lt; endKey; an empty endKey means no upper bound.</summary>
    public IEnumerable<KeyValuePair<string, TValue>> Range(string startKey, string endKey)
    {
        var index = LowerBound(startKey);
        for (; index < keys.Length; index++)
        {
            if (endKey.Length > 0 && Utf8OrdinalComparer.Instance.Compare(keys[index], endKey) >= 0)
            {
                yield break;
            }

            yield return new KeyValuePair<string, TValue>(keys[index], values[index]);
        }
    }

    public IEnumerable<KeyValuePair<string, TValue>> All() => Range(string.Empty, string.Empty);

    /// <summary>A new table with the changes applied: a null value removes the key.</summary>
    public SortedKeyTable<TValue> With(IReadOnlyDictionary<string, TValue?> changes)
    {
        if (changes.Count == 0)
        {
            return this;
        }

        var changedKeys = changes.Keys.ToArray();
        Array.Sort(changedKeys, Utf8OrdinalComparer.Instance);
        var newKeys = new List<string>(keys.Length + changedKeys.Length);
        var newValues = new List<TValue>(keys.Length + changedKeys.Length);
        int i = 0, j = 0;
        while (i < keys.Length || j < changedKeys.Length)
        {
            var order = i == keys.Length ? 1
                : j == changedKeys.Length ? -1
                : Utf8OrdinalComparer.Instance.Compare(keys[i], changedKeys[j]);
            if (order < 0)
            {
                newKeys.Add(keys[i]);
                newValues.Add(values[i]);
                i++;
                continue;
            }

            var changed = changes[changedKeys[j]];
            if (changed is not null)
            {
                newKeys.Add(changedKeys[j]);
                newValues.Add(changed);
            }

            if (order == 0)
            {
                i++;
            }

            j++;
        }

        return new SortedKeyTable<TValue>([.. newKeys], [.. newValues]);
    }

    private int LowerBound(string key)
    {
        int low = 0, high = keys.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (Utf8OrdinalComparer.Instance.Compare(keys[middle], key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
