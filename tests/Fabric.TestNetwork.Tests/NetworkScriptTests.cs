using Fabric.TestSupport;
using FluentAssertions;

namespace Fabric.TestNetwork.Tests;

/// <summary>network.sh's behaviour that needs no running Fabric network.</summary>
public sealed class NetworkScriptTests
{
    private static readonly string Script = RepositoryLayout.PathOf("fabric-network", "test-network", "network.sh");

    [Fact]
    public async Task Up_WithoutFabricBinaries_SaysWhatIsMissingAndWhereToGetIt()
    {
        var result = await ShellScript.RunAsync(
            "bash",
            [Script, "up"],
            TimeSpan.FromSeconds(30),
            environment: new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin", ["FABRIC_BIN"] = null });

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("Fabric binaries not found: peer orderer osnadmin configtxgen cryptogen")
            .And.Contain("FABRIC_BIN")
            .And.Contain("install-fabric.sh")
            .And.Contain("dotnet run --project fabric-network/DevNetwork -- up");
    }

    [Fact]
    public async Task DeployCcaas_WithoutChannel_RefusesNamingTheFlag()
    {
        var result = await ShellScript.RunAsync("bash", [Script, "deployCCAAS", "-ccn", "basic"], TimeSpan.FromSeconds(30));

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("deployCCAAS needs -c <channel>");
    }

    [Fact]
    public async Task DeployCcaas_UnknownChannel_NamesTheChannelsThereAre()
    {
        var result = await ShellScript.RunAsync("bash", [Script, "deployCCAAS", "-c", "nope", "-ccn", "basic"], TimeSpan.FromSeconds(30));

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("unknown channel 'nope': use one of trade pharma health");
    }

    [Fact]
    public async Task UnknownFlag_Refused()
    {
        var result = await ShellScript.RunAsync("bash", [Script, "up", "-bogus"], TimeSpan.FromSeconds(30));

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("unknown argument '-bogus'");
    }

    [Fact]
    public async Task Help_ListsAdminCommands()
    {
        var result = await ShellScript.RunAsync("bash", [Script, "help"], TimeSpan.FromSeconds(30));

        result.ExitCode.Should().Be(0);
        result.StandardOutput.Should().Contain("up").And.Contain("createChannel").And.Contain("deployCCAAS")
            .And.Contain("-ccep").And.Contain("-cccg");
    }
}
