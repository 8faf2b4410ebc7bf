using System.Text;
using System.Text.Json;

namespace Fabric.Chaincode.Contracts.Internal;

/// <summary>
/// Turns arguments into parameter values and results into payloads, as fabric-contract-api's JSON serializer
/// does: strings travel as their raw text and bytes as they are; numbers and booleans as their JSON text;
/// everything else as JSON (camelCase). A text that is not valid JSON is also accepted for types that JSON writes
/// as strings (enums, dates, GUIDs), so clients may send <c>Active</c> as well as <c>"Active"</c>.
/// </summary>
internal static class ContractSerializer
{
    /// <exception cref="ChaincodeException">400 naming the parameter when the value cannot be read.</exception>
    public static object? Bind(ParameterDescriptor parameter, byte[] value, string transactionName)
    {
        var type = parameter.Type;
        if (type == typeof(string))
        {
            return Encoding.UTF8.GetString(value);
        }

        if (type == typeof(byte[]))
        {
            return value;
        }

        if (type == typeof(ReadOnlyMemory<byte>))
        {
            return new ReadOnlyMemory<byte>(value);
        }

        try
        {
            return JsonSerializer.Deserialize(value, type, ChaincodeJson.Options);
        }
        catch (JsonException first)
        {
            if (value.Length == 0 || value[0] != (byte)'"')
            {
                try
                {
                    var quoted = JsonSerializer.SerializeToUtf8Bytes(Encoding.UTF8.GetString(value), ChaincodeJson.Options);
                    return JsonSerializer.Deserialize(quoted, type, ChaincodeJson.Options);
                }
                catch (JsonException)
                {
                    // Report the first error: it describes the value as the client sent it.
                }
            }

            throw ChaincodeException.BadRequest(
                $"Argument '{parameter.Name}' of transaction '{transactionName}' is not a valid {JsonSchemaBuilder.Describe(type)}: {first.Message}");
        }
    }

    public static ReadOnlyMemory<byte> Serialize(object? result) => result switch
    {
        null => ReadOnlyMemory<byte>.Empty,
        string text => Encoding.UTF8.GetBytes(text),
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory,
        _ => JsonSerializer.SerializeToUtf8Bytes(result, result.GetType(), ChaincodeJson.Options),
    };
}
