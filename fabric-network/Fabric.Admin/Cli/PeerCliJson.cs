using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Fabric.Admin.Cli;

/// <summary>
/// Query results as JSON the way <c>peer lifecycle chaincode ... --output json</c> prints them, so scripts written for
/// the peer CLI (<c>jq '.installed_chaincodes[].package_id'</c>, <c>.approvals</c>, <c>.sequence</c>) work unchanged:
/// Go's encoding/json over the generated structs, i.e. proto field names, empty values left out, 64-bit integers
/// and enums as numbers, bytes in base64, map keys sorted, a oneof as <c>{"OneofName": {"field_name": value}}</c>,
/// tab indentation.
/// </summary>
internal static class PeerCliJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentCharacter = '\t',
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Format(IMessage message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteMessage(writer, message);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMessage(Utf8JsonWriter writer, IMessage message)
    {
        writer.WriteStartObject();
        var writtenOneofs = new HashSet<OneofDescriptor>();
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.RealContainingOneof is { } oneof)
            {
                if (writtenOneofs.Add(oneof) && oneof.Accessor.GetCaseFieldDescriptor(message) is { } set)
                {
                    writer.WriteStartObject(GoName(oneof.Name));
                    writer.WritePropertyName(set.Name);
                    WriteValue(writer, set, set.Accessor.GetValue(message));
                    writer.WriteEndObject();
                }

                continue;
            }

            var value = field.Accessor.GetValue(message);
            if (IsEmpty(field, value))
            {
                continue;
            }

            writer.WritePropertyName(field.Name);
            if (field.IsMap)
            {
                var valueField = field.MessageType.FindFieldByNumber(2);
                writer.WriteStartObject();
                var entries = new List<(string Key, object? Value)>();
                for (var e = ((System.Collections.IDictionary)value).GetEnumerator(); e.MoveNext();)
                {
                    entries.Add((Convert.ToString(e.Key, CultureInfo.InvariantCulture)!, e.Value));
                }

                foreach (var (key, entry) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, valueField, entry);
                }

                writer.WriteEndObject();
            }
            else if (field.IsRepeated)
            {
                writer.WriteStartArray();
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    WriteValue(writer, field, item);
                }

                writer.WriteEndArray();
            }
            else
            {
                WriteValue(writer, field, value);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, FieldDescriptor field, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case IMessage nested:
                WriteMessage(writer, nested);
                break;
            case ByteString bytes:
                writer.WriteBase64StringValue(bytes.Span);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case Enum when field.FieldType == FieldType.Enum:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case long or int or uint or ulong:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case double or float:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    // encoding/json's omitempty: false, 0, "", empty bytes, empty lists and maps and unset messages are left out.
    private static bool IsEmpty(FieldDescriptor field, object? value) => value switch
    {
        null => true,
        _ when field.IsMap || field.IsRepeated => ((System.Collections.ICollection)value).Count == 0,
        string text => text.Length == 0,
        ByteString bytes => bytes.IsEmpty,
        bool flag => !flag,
        IMessage => false,
        Enum => Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture) == 0,
    };

    // protoc-gen-go names a oneof's Go field in CamelCase.
    private static string GoName(string protoName) =>
        string.Concat(protoName.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
