using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fabric.Chaincode;

/// <summary>
/// The JSON conventions of contracts and of the stub's JSON helpers: camelCase names, case-insensitive reading,
/// enums as their names, and numbers also read from strings.
/// </summary>
public static class ChaincodeJson
{
    /// <summary>The shared, read-only serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
