using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fabric.Chaincode;

namespace TradeFinance.Domain.Common;

/// <summary>
/// The canonical JSON form that hashes are computed over: the value serialized with the chaincode's JSON
/// conventions (camelCase), then object members sorted by ordinal name, no white space, and only the characters
/// JSON requires escaped (as RFC 8785 does for the integers, strings and booleans our documents contain). Anyone
/// holding the document can rebuild the same bytes in any language.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>.</summary>
    public static byte[] Serialize<T>(T value)
    {
        var node = JsonSerializer.SerializeToNode(value, ChaincodeJson.Options);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node);
        }

        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
