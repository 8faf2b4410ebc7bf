using Fabric.TestSupport;
using FluentAssertions;

namespace Fabric.TestNetwork.Tests;

/// <summary>
/// Our chaincode-as-a-service external builder, run the way a peer runs it: detect, build, release with the
/// folder arguments Fabric passes.
/// </summary>
public sealed class CcaasBuilderTests : IDisposable
{
    private static readonly string BuilderBin = RepositoryLayout.PathOf("fabric-network", "test-network", "builders", "ccaas", "bin");
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ccaas-builder-");

    private string Source => Folder("source");
    private string Metadata => Folder("metadata");
    private string Build => Folder("build");
    private string Release => Folder("release");

    [Theory]
    [InlineData("{\"type\":\"ccaas\",\"label\":\"basic_1.0\"}", 0)]
    [InlineData("{\n  \"type\" : \"ccaas\",\n  \"label\": \"basic_1.0\"\n}", 0)]
    [InlineData("{\"type\":\"golang\",\"label\":\"basic_1.0\"}", 1)]
    [InlineData("{\"type\":\"external\",\"label\":\"basic_1.0\"}", 1)]
    public async Task Detect_MetadataType_AcceptsOnlyCcaas(string metadata, int expectedExitCode)
    {
        await File.WriteAllTextAsync(Path.Combine(Metadata, "metadata.json"), metadata);

        var result = await RunAsync("detect", Source, Metadata);

        result.ExitCode.Should().Be(expectedExitCode);
    }

    [Fact]
    public async Task BuildThenRelease_ConnectionJson_PlacedWhereThePeerReadsIt()
    {
        const string connection = "{\"address\":\"127.0.0.1:9999\",\"dial_timeout\":\"10s\",\"tls_required\":false}";
        await File.WriteAllTextAsync(Path.Combine(Source, "connection.json"), connection);
        Directory.CreateDirectory(Path.Combine(Source, "META-INF", "statedb", "couchdb", "indexes"));
        await File.WriteAllTextAsync(Path.Combine(Source, "META-INF", "statedb", "couchdb", "indexes", "owner.json"), "{}");

        (await RunAsync("build", Source, Metadata, Build)).ExitCode.Should().Be(0);
        (await RunAsync("release", Build, Release)).ExitCode.Should().Be(0);

        (await File.ReadAllTextAsync(Path.Combine(Release, "chaincode", "server", "connection.json"))).Trim().Should().Be(connection);
        File.Exists(Path.Combine(Release, "statedb", "couchdb", "indexes", "owner.json")).Should().BeTrue();
    }

    [Fact]
    public async Task Build_WithoutConnectionJson_FailsWithReason()
    {
        var result = await RunAsync("build", Source, Metadata, Build);

        result.ExitCode.Should().NotBe(0);
        result.StandardError.Should().Contain("connection.json not found");
    }

    [Fact]
    public async Task Release_BuilderConfigPlaceholders_FilledFromEnvironment()
    {
        await File.WriteAllTextAsync(Path.Combine(Build, "connection.json"), "{\"address\":\"{{.peername}}_basic:{{.port}}\"}");

        var result = await RunAsync(
            "release",
            [Build, Release],
            new Dictionary<string, string?> { ["CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG"] = "{\"peername\":\"peer0org1\", \"port\": \"9999\"}" });

        result.ExitCode.Should().Be(0);
        (await File.ReadAllTextAsync(Path.Combine(Release, "chaincode", "server", "connection.json"))).Trim()
            .Should().Be("{\"address\":\"peer0org1_basic:9999\"}");
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static Task<ProcessResult> RunAsync(string step, params string[] arguments) => RunAsync(step, arguments, null);

    private static Task<ProcessResult> RunAsync(string step, string[] arguments, IReadOnlyDictionary<string, string?>? environment) =>
        ShellScript.RunAsync(Path.Combine(BuilderBin, step), arguments, TimeSpan.FromSeconds(30), environment: environment);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_work.FullName, name)).FullName;
}
