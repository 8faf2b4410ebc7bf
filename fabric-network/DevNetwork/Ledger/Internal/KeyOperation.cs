using Fabric.Protos.Ledger.Rwset.Kvrwset;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// What one transaction does to one key (value write, delete, metadata write), merged as Fabric's committer does:
/// a delete removes the key with its metadata; a value write keeps the existing metadata unless the transaction
/// also writes metadata; a metadata write alone keeps the value and is dropped for a key that does not exist.
/// Every change takes the transaction's height as the key's new version.
/// </summary>
internal sealed class KeyOperation
{
    private static readonly IReadOnlyDictionary<string, byte[]> NoMetadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    public bool IsDelete { get; private set; }

    public byte[]? Value { get; private set; }

    public bool WritesMetadata { get; private set; }

    public IReadOnlyDictionary<string, byte[]> Metadata { get; private set; } = NoMetadata;

    public void SetValue(byte[] value, bool isDelete)
    {
        // Fabric treats an empty value as a delete.
        IsDelete = isDelete || value.Length == 0;
        Value = IsDelete ? null : value;
    }

    public void SetMetadata(IEnumerable<KVMetadataEntry> entries)
    {
        WritesMetadata = true;
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            metadata[entry.Name] = entry.Value.ToByteArray();
        }

        Metadata = metadata.Count == 0 ? NoMetadata : metadata;
    }

    /// <summary>The key's new (value, metadata), or null when the key is removed or the operation is dropped.</summary>
    public (byte[] Value, IReadOnlyDictionary<string, byte[]> Metadata)? Resolve(byte[]? latestValue, IReadOnlyDictionary<string, byte[]>? latestMetadata)
    {
        if (IsDelete)
        {
            return null;
        }

        if (Value is not null)
        {
            return (Value, WritesMetadata ? Metadata : latestMetadata ?? NoMetadata);
        }

        return latestValue is null ? null : (latestValue, Metadata);
    }

    /// <summary>True when the key does not change at all (a metadata write to a missing key).</summary>
    public bool IsNoOp(bool keyExists) => !IsDelete && Value is null && !keyExists;

    public static IReadOnlyDictionary<string, byte[]> EmptyMetadata => NoMetadata;
}
