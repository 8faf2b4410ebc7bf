namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>The metadata of a key that has none.</summary>
internal static class KeyOperationsMetadata
{
    public static IReadOnlyDictionary<string, byte[]> Empty { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);
}
