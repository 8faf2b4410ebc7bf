using Fabric.Admin.Tests.Support;
using Fabric.Admin.Tests.Support.FakeFabric;
using Fabric.TestSupport;

namespace Fabric.Admin.Tests.Protocol;

/// <summary>A fresh fake two-organization network per test, with admin and client identities and a package on disk.</summary>
internal sealed class LifecycleFixture : IAsyncDisposable
{
    public const string Channel = "mychannel";
    public const string Policy = "AND('Org1MSP.peer','Org2MSP.peer')";

    private readonly DirectoryInfo _work;

    private LifecycleFixture(FakeFabricNetwork network, DirectoryInfo work)
    {
        Network = network;
        _work = work;
        Admin1 = TestMsp.Create("Org1MSP", "admin", "Admin@org1.example.com");
        Admin2 = TestMsp.Create("Org2MSP", "admin", "Admin@org2.example.com");
        User1 = TestMsp.Create("Org1MSP", "client", "User1@org1.example.com");
    }

    public FakeFabricNetwork Network { get; }

    public TestMsp Admin1 { get; }

    public TestMsp Admin2 { get; }

    public TestMsp User1 { get; }

    public string PackageFile => Path.Combine(_work.FullName, "basic.tar.gz");

    public static string CollectionsFile => RepositoryLayout.PathOf("fabric-network", "config", "collections", "two-org-collections.json");

    public static async Task<LifecycleFixture> StartAsync(Func<string, System.Security.Cryptography.X509Certificates.X509Certificate2?>? peerTls = null) =>
        new(await FakeFabricNetwork.StartAsync(Channel, ["Org1MSP", "Org2MSP"], peerTls), Directory.CreateTempSubdirectory("admin-cli-"));

    public string[] PeerOf(TestMsp msp) => ["--peer", Network.Peers[msp.MspId].Address];

    public static string[] As(TestMsp msp) => ["--msp-dir", msp.Directory, "--msp-id", msp.MspId];

    public string[] Orderer => ["--orderer", Network.Orderer.Address];

    public static string[] Definition(int sequence = 1, string version = "1.0") =>
    [
        "--channel", Channel, "--name", "basic", "--version", version, "--sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--signature-policy", Policy, "--collections-config", CollectionsFile,
    ];

    public static Task<CliResult> RunAsync(params string[][] parts) => CliRun.RunAsync(parts.SelectMany(p => p));

    public async Task<string> PackageAsync()
    {
        var result = await RunAsync(["package", PackageFile, "--label", "basic_1.0", "--address", "127.0.0.1:9999"]);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Output.Split("Package ID: ")[1].Trim();
    }

    public async Task<string> InstallAndApproveAsync(TestMsp admin)
    {
        var packageId = File.Exists(PackageFile) ? (await RunAsync(["calculatepackageid", PackageFile])).Output.Trim() : await PackageAsync();
        var install = await RunAsync(["install", PackageFile], PeerOf(admin), As(admin));
        install.ExitCode.Should().Be(0, install.ToString());
        var approve = await RunAsync(["approveformyorg", "--package-id", packageId], PeerOf(admin), Orderer, Definition(), As(admin));
        approve.ExitCode.Should().Be(0, approve.ToString());
        return packageId;
    }

    public async ValueTask DisposeAsync()
    {
        await Network.DisposeAsync();
        Admin1.Dispose();
        Admin2.Dispose();
        User1.Dispose();
        _work.Delete(recursive: true);
    }
}
