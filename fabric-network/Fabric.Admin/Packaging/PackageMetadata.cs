using System.Text.Json.Serialization;

namespace Fabric.Admin.Packaging;

/// <summary>The package's <c>metadata.json</c>. Fabric's parser also knows <c>path</c>; a ccaas package has none.</summary>
internal sealed record PackageMetadata(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("label")] string Label);

[JsonSerializable(typeof(PackageMetadata))]
// Case-insensitive like Go's encoding/json, which Fabric uses to read it.
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNameCaseInsensitive = true)]
internal sealed partial class PackageJson : JsonSerializerContext;
