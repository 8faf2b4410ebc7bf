using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>The JSON conventions at both ends of an endpoint.</summary>
internal static class EndpointJson
{
    /// <summary>
    /// Reading requests: camelCase (case-insensitive), numbers also from strings (as ASP.NET's web defaults and the
    /// OpenAPI schemas say), enums by name only (a number would silently pick a member), and unknown properties
    /// refused, so that a misspelt optional field is reported instead of ignored.
    /// </summary>
    public static JsonSerializerOptions Request { get; } = Create(reading: true);

    /// <summary>
    /// Writing chaincode arguments and transient data: the shape the contracts bind (camelCase, enums by name) and
    /// no nulls, so that an omitted optional field takes the contract's default instead of an explicit null. Text
    /// is not HTML-escaped ('+' stays '+', 'é' stays 'é'): these bytes go to a chaincode and into blocks, not a page.
    /// </summary>
    public static JsonSerializerOptions Chaincode { get; } = Create(reading: false);

    private static JsonSerializerOptions Create(bool reading)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = reading ? JsonIgnoreCondition.Never : JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = reading ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            NumberHandling = reading ? JsonNumberHandling.AllowReadingFromString : JsonNumberHandling.Strict,
            MaxDepth = 32,
        };
        if (!reading)
        {
            options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        }

        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
