using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabric.Chaincode.Contracts.Internal;

/// <summary>
/// JSON schemas of parameter and result types for the contract metadata: primitives inline, classes and records
/// as <c>{"$ref": "#/components/schemas/Name"}</c> with their schema collected in <see cref="Components"/>,
/// as fabric-contract-api describes complex types.
/// </summary>
internal sealed class JsonSchemaBuilder
{
    private readonly SortedDictionary<string, JsonObject> _components = new(StringComparer.Ordinal);
    private readonly HashSet<Type> _visiting = [];

    public IReadOnlyDictionary<string, JsonObject> Components => _components;

    public JsonObject SchemaOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Primitive(type) is { } primitive)
        {
            return primitive;
        }

        if (type.IsEnum)
        {
            var names = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
            return new JsonObject { ["type"] = "string", ["enum"] = names };
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = SchemaOf(valueType) };
        }

        if (ElementType(type) is { } elementType)
        {
            return new JsonObject { ["type"] = "array", ["items"] = SchemaOf(elementType) };
        }

        return Reference(type);
    }

    /// <summary>A short description of what a value of <paramref name="type"/> must be, for error messages.</summary>
    public static string Describe(Type type)
    {
        var schema = new JsonSchemaBuilder().SchemaOf(type);
        return schema["type"]?.GetValue<string>() switch
        {
            "integer" => "integer",
            "number" => "number",
            "boolean" => "boolean (true or false)",
            "string" when schema["enum"] is JsonArray values => "value of " + string.Join(", ", values.Select(v => v!.GetValue<string>())),
            "string" => $"{type.Name} string",
            "array" => "JSON array",
            _ => $"JSON {type.Name} object",
        };
    }

    private static JsonObject? Primitive(Type type)
    {
        if (type == typeof(string) || type == typeof(char))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte) || type == typeof(ushort))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }

        if (type == typeof(long) || type == typeof(uint) || type == typeof(ulong))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }

        if (type == typeof(float) || type == typeof(double) || type == typeof(decimal))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type == typeof(DateOnly))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date" };
        }

        if (type == typeof(Guid))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "uuid" };
        }

        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "binary" };
        }

        if (type == typeof(JsonElement) || type == typeof(JsonNode) || type == typeof(object))
        {
            return [];
        }

        return null;
    }

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
              ?? type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            dictionary = type;
        }

        return dictionary is not null && dictionary.GetGenericArguments()[0] == typeof(string) ? dictionary.GetGenericArguments()[1] : null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? typeof(object);
    }

    private JsonObject Reference(Type type)
    {
        var name = type.Name;
        var reference = new JsonObject { ["$ref"] = "#/components/schemas/" + name };
        if (_components.ContainsKey(name) || !_visiting.Add(type))
        {
            return reference;
        }

        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null
                || property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var jsonName = property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
                ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            properties[jsonName] = SchemaOf(property.PropertyType);
            if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
                || property.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null)
            {
                required.Add(jsonName);
            }
        }

        var schema = new JsonObject { ["$id"] = name, ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        _components[name] = schema;
        _visiting.Remove(type);
        return reference;
    }
}
