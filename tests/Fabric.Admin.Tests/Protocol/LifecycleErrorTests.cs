using System.Security.Cryptography.X509Certificates;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Common;
using Fabric.TestSupport;

namespace Fabric.Admin.Tests.Protocol;

/// <summary>Failures an admin meets: each is one line on stderr and its own exit code.</summary>
public sealed class LifecycleErrorTests
{
    [Fact]
    public async Task Install_AsClientNotAdmin_IsPermissionDenied()
    {
        await using var f = await LifecycleFixture.StartAsync();
        await f.PackageAsync();

        var result = await LifecycleFixture.RunAsync(["install", f.PackageFile], f.PeerOf(f.User1), LifecycleFixture.As(f.User1));

        result.ExitCode.Should().Be(4, result.ToString());
        OneLine(result.Error).Should().Contain("refused InstallChaincode").And.Contain("permission denied").And.Contain("Admin@");
    }

    [Fact]
    public async Task Install_PeerReportsAnotherPackageId_IsPackageIdMismatch()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var packageId = await f.PackageAsync();
        f.Network.InstallPackageIdOverride = "basic_1.0:" + new string('0', 64);

        var result = await LifecycleFixture.RunAsync(["install", f.PackageFile], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(6, result.ToString());
        OneLine(result.Error).Should().Contain("package ID mismatch").And.Contain(packageId).And.Contain(f.Network.InstallPackageIdOverride);
    }

    [Fact]
    public async Task Approve_PackageIdNotInstalled_WarnsButApproves()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var notInstalled = "other_1.0:" + new string('a', 64);

        var result = await LifecycleFixture.RunAsync(["approveformyorg", "--package-id", notInstalled], f.PeerOf(f.Admin1), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(0, result.ToString());
        OneLine(result.Error).Should().StartWith("Warning: package ID mismatch").And.Contain(notInstalled);
    }

    [Fact]
    public async Task Approve_ByAMemberWhoMayNotListPackages_SkipsTheInstalledCheck()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var packageId = "other_1.0:" + new string('b', 64);

        var result = await LifecycleFixture.RunAsync(["approveformyorg", "--package-id", packageId], f.PeerOf(f.User1), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.User1));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Approve_MalformedPackageId_IsRefusedBeforeSending()
    {
        await using var f = await LifecycleFixture.StartAsync();

        var result = await LifecycleFixture.RunAsync(["approveformyorg", "--package-id", "basic_1.0"], f.PeerOf(f.Admin1), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(2, result.ToString());
        OneLine(result.Error).Should().Contain("is not a package ID");
        f.Network.Proposals.Should().BeEmpty();
    }

    [Fact]
    public async Task Peer_NothingListening_IsUnreachable()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var port = FreeTcpPort.Next();

        var result = await LifecycleFixture.RunAsync(["queryinstalled", "--peer", $"127.0.0.1:{port}"], LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(3, result.ToString());
        OneLine(result.Error).Should().StartWith($"Error: peer 127.0.0.1:{port} is unreachable");
    }

    [Fact]
    public async Task Orderer_NothingListening_IsUnreachable_AfterEndorsement()
    {
        await using var f = await LifecycleFixture.StartAsync();

        var result = await LifecycleFixture.RunAsync(["approveformyorg", "--orderer", $"127.0.0.1:{FreeTcpPort.Next()}"], f.PeerOf(f.Admin1), LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(3, result.ToString());
        OneLine(result.Error).Should().Contain("orderer 127.0.0.1:").And.Contain("unreachable");
    }

    [Fact]
    public async Task Orderer_Refuses_IsReportedWithItsStatus()
    {
        await using var f = await LifecycleFixture.StartAsync();
        f.Network.BroadcastStatus = Status.Forbidden;

        var result = await LifecycleFixture.RunAsync(["approveformyorg"], f.PeerOf(f.Admin1), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(4, result.ToString());
        OneLine(result.Error).Should().Contain("refused the transaction: Forbidden");
    }

    [Fact]
    public async Task Commit_WithoutTheOtherOrgsApproval_IsRefusedByItsPeer()
    {
        await using var f = await LifecycleFixture.StartAsync();
        await f.InstallAndApproveAsync(f.Admin1);

        var result = await LifecycleFixture.RunAsync(["commit"], f.PeerOf(f.Admin1), f.PeerOf(f.Admin2), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(1, result.ToString());
        OneLine(result.Error).Should().Contain("refused CommitChaincodeDefinition").And.Contain("not agreed to by this org (Org2MSP)");
    }

    [Fact]
    public async Task Commit_EndorsedByTooFewOrgs_IsCommittedAsInvalid()
    {
        await using var f = await LifecycleFixture.StartAsync();
        await f.InstallAndApproveAsync(f.Admin1);
        await f.InstallAndApproveAsync(f.Admin2);

        var result = await LifecycleFixture.RunAsync(["commit"], f.PeerOf(f.Admin1), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(1, result.ToString());
        OneLine(result.Error).Should().Contain("was committed as invalid").And.Contain("EndorsementPolicyFailure");
    }

    [Fact]
    public async Task Commit_WrongSequence_ShowsThePeersReason()
    {
        await using var f = await LifecycleFixture.StartAsync();

        var result = await LifecycleFixture.RunAsync(["commit"], f.PeerOf(f.Admin1), f.Orderer, LifecycleFixture.Definition(sequence: 3), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(1, result.ToString());
        OneLine(result.Error).Should().Contain("requested sequence is 3, but new definition must be sequence 1");
    }

    [Fact]
    public async Task Approve_NoBlockWithinTimeout_TimesOut()
    {
        await using var f = await LifecycleFixture.StartAsync();
        f.Network.HoldBlocks = true;

        var result = await LifecycleFixture.RunAsync(["approveformyorg", "--timeout", "1500ms"], f.PeerOf(f.Admin1), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(5, result.ToString());
        OneLine(result.Error).Should().Be("Error: timed out after 1.5s (--timeout)");
    }

    [Fact]
    public async Task Approve_CancelledWhileWaitingForCommit_ExitsWith130()
    {
        await using var f = await LifecycleFixture.StartAsync();
        f.Network.HoldBlocks = true;
        using var cancel = new CancellationTokenSource();

        var run = Support.CliRun.RunAsync(
            [.. new[] { "approveformyorg" }.Concat(f.PeerOf(f.Admin1)).Concat(f.Orderer).Concat(LifecycleFixture.Definition()).Concat(LifecycleFixture.As(f.Admin1))],
            cancel.Token);
        while (f.Network.Transactions.IsEmpty)
        {
            await Task.Delay(20);
        }

        await cancel.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        result.ExitCode.Should().Be(130, result.ToString());
        result.Error.Trim().Should().Be("Cancelled.");
    }

    [Fact]
    public async Task MissingIdentity_AndBadOptions_AreInvalidInput()
    {
        await using var f = await LifecycleFixture.StartAsync();

        var noMsp = await LifecycleFixture.RunAsync(["queryinstalled"], f.PeerOf(f.Admin1), ["--msp-id", "Org1MSP", "--msp-dir", "/nonexistent/msp"]);
        var noSequence = await LifecycleFixture.RunAsync(["checkcommitreadiness", "-C", "mychannel", "-n", "basic", "-v", "1"], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));
        var badPolicy = await LifecycleFixture.RunAsync(["checkcommitreadiness", "-C", "mychannel", "-n", "basic", "-v", "1", "--sequence", "1", "--signature-policy", "AND(Org1MSP.peer)"], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));
        var twoPeers = await LifecycleFixture.RunAsync(["queryinstalled"], f.PeerOf(f.Admin1), f.PeerOf(f.Admin2), LifecycleFixture.As(f.Admin1));

        new[] { noMsp, noSequence, badPolicy, twoPeers }.Should().AllSatisfy(r => r.ExitCode.Should().Be(2, r.ToString()));
        OneLine(noMsp.Error).Should().Contain("cannot load the identity from --msp-dir /nonexistent/msp");
        OneLine(noSequence.Error).Should().Contain("--sequence is required");
        OneLine(badPolicy.Error).Should().Contain("invalid signature policy");
        OneLine(twoPeers.Error).Should().Contain("queryinstalled talks to one peer");
        f.Network.Proposals.Should().BeEmpty();
    }

    [Fact]
    public async Task Tls_WithCaAndServerName_Works_WithoutServerName_IsAHandshakeError()
    {
        var (ca, server) = TestCertificates.CreateTlsServer("peer0.org1.example.com");
        using (ca)
        using (server)
        {
            await using var f = await LifecycleFixture.StartAsync(msp => msp == "Org1MSP" ? server : null);
            var caFile = Path.Combine(Path.GetTempPath(), $"admin-cli-ca-{Guid.NewGuid():N}.pem");
            await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem());
            try
            {
                var ok = await LifecycleFixture.RunAsync(["queryinstalled", "--tls-ca", caFile, "--server-name", "peer0.org1.example.com"], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));
                var wrongName = await LifecycleFixture.RunAsync(["queryinstalled", "--tls-ca", caFile], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));

                ok.ExitCode.Should().Be(0, ok.ToString());
                ok.Output.Should().StartWith("Installed chaincodes on peer:");
                wrongName.ExitCode.Should().Be(3, wrongName.ToString());
                OneLine(wrongName.Error).Should().Contain("TLS handshake with peer 127.0.0.1:").And.Contain("server name");
            }
            finally
            {
                File.Delete(caFile);
            }
        }
    }

    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().HaveCount(1, $"errors are one line: {text}");
        return lines[0];
    }

}
