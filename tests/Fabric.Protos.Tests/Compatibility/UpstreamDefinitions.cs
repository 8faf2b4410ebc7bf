using System.Text.Json;
using Fabric.TestSupport;

namespace Fabric.Protos.Tests.Compatibility;

/// <summary>One field as upstream defines it (see tests/conformance/protos/dump-upstream.js).</summary>
public sealed record UpstreamField(
    string Name, int Number, string Type, string? TypeName, string Label, string? KeyType);

public sealed record UpstreamMethod(string Request, string Response, bool RequestStream, bool ResponseStream);

/// <summary>The messages, enums and services of one upstream source.</summary>
public sealed record UpstreamSource(
    Dictionary<string, List<UpstreamField>> Messages,
    Dictionary<string, Dictionary<string, int>> Enums,
    Dictionary<string, Dictionary<string, UpstreamMethod>> Services);

/// <summary>
/// Fabric's protocol definitions as the official npm packages ship them: the v2.2 .proto sources
/// (fabric-protos@2.2.20) and the code generated from the current definitions (@hyperledger/fabric-protos),
/// which is the only npm source of gateway.proto and of the v2.4/v2.5 additions.
/// </summary>
public sealed record UpstreamDefinitions(UpstreamSource FabricProtos22, UpstreamSource FabricProtos25)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<UpstreamDefinitions> LoadAsync()
    {
        var json = await NodeScript.RunAsync(
            RepositoryLayout.PathOf("tests", "conformance", "protos", "dump-upstream.js"), TimeSpan.FromMinutes(2));
        return JsonSerializer.Deserialize<UpstreamDefinitions>(json, Json)
            ?? throw new InvalidOperationException("dump-upstream.js printed nothing.");
    }
}

/// <summary>Loads the upstream definitions once for all tests of a class.</summary>
public sealed class UpstreamDefinitionsFixture : IAsyncLifetime
{
    public UpstreamDefinitions Definitions { get; private set; } = null!;

    public async Task InitializeAsync() => Definitions = await UpstreamDefinitions.LoadAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
