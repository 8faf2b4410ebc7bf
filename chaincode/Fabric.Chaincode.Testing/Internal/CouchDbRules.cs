using System.Text.Json;

namespace Fabric.Chaincode.Testing.Internal;

/// <summary>
/// What a peer with the CouchDB state database refuses to write (statecouchdb ValidateKeyValue in Fabric v2.5):
/// keys beginning with <c>_</c> or empty, and JSON objects with a top-level field <c>~version</c> or one beginning with
/// <c>_</c>, which CouchDB reserves. Invalid UTF-8 keys, also refused there, cannot reach the peer from .NET: the shim
/// encodes every string as valid UTF-8.
/// </summary>
internal static class CouchDbRules
{
    private const string VersionField = "~version";

    /// <summary>The peer's reason for refusing the write, or null when CouchDB accepts it.</summary>
    public static string? Refusal(string key, byte[]? value)
    {
        if (key.StartsWith('_'))
        {
            return $"invalid key [{key}], cannot begin with \"_\"";
        }

        if (key.Length == 0)
        {
            return "invalid key. Empty string is not supported as a key by couchdb";
        }

        return value is null ? null : ReservedField(value) is { } field ? $"field [{field}] is not valid for the CouchDB state database" : null;
    }

    /// <summary>A reserved top-level field when <paramref name="value"/> is a JSON object (CouchDB stores only those as documents).</summary>
    private static string? ReservedField(byte[] value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == VersionField || property.Name.StartsWith('_'))
                {
                    return property.Name;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            // Not JSON: stored as an attachment, any bytes allowed.
            return null;
        }
    }
}
