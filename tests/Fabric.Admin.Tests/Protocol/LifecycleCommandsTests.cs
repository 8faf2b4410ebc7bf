using System.Security.Cryptography;
using System.Text;
using Fabric.Admin.Policies;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Fabric.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabric.Admin.Tests.Protocol;

/// <summary>The CLI against the fake network: every command end to end, and what it put on the wire.</summary>
public sealed class LifecycleCommandsTests
{
    [Fact]
    public async Task FullLifecycle_TwoOrganizations_CommitsTheDefinition()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var packageId = await f.PackageAsync();

        var install = await LifecycleFixture.RunAsync(["install", f.PackageFile], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));
        install.ExitCode.Should().Be(0, install.ToString());
        install.Output.Should().Contain($"Package ID: {packageId}, Label: basic_1.0");

        var installed = await LifecycleFixture.RunAsync(["queryinstalled"], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));
        installed.Output.Should().Be($"Installed chaincodes on peer:\nPackage ID: {packageId}, Label: basic_1.0\n".ReplaceLineEndings());

        var approve1 = await LifecycleFixture.RunAsync(["approveformyorg", "--package-id", packageId], f.PeerOf(f.Admin1), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));
        approve1.ExitCode.Should().Be(0, approve1.ToString());
        approve1.Output.Should().Contain("Org1MSP approved basic version 1.0 sequence 1 on 'mychannel'");

        var readiness = await LifecycleFixture.RunAsync(["checkcommitreadiness"], f.PeerOf(f.Admin1), LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));
        readiness.ExitCode.Should().Be(0, readiness.ToString());
        readiness.Output.Should().Contain("Org1MSP: true").And.Contain("Org2MSP: false");

        await f.InstallAndApproveAsync(f.Admin2);
        var commit = await LifecycleFixture.RunAsync(["commit"], f.PeerOf(f.Admin1), f.PeerOf(f.Admin2), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));
        commit.ExitCode.Should().Be(0, commit.ToString());

        var committed = await LifecycleFixture.RunAsync(["querycommitted", "--channel", "mychannel", "--name", "basic"], f.PeerOf(f.Admin2), LifecycleFixture.As(f.Admin2));
        committed.ExitCode.Should().Be(0, committed.ToString());
        committed.Output.Should().Contain("Version: 1.0, Sequence: 1, Endorsement Plugin: escc, Validation Plugin: vscc, Approvals: [Org1MSP: true, Org2MSP: true]");

        var all = await LifecycleFixture.RunAsync(["querycommitted", "--channel", "mychannel", "--output", "json"], f.PeerOf(f.Admin2), LifecycleFixture.As(f.Admin2));
        all.Output.Should().Contain("\"name\": \"basic\"");
        f.Network.Violations.Should().BeEmpty();
    }

    [Fact]
    public async Task EveryCommand_SendsALifecycleProposalFabricAccepts()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var packageId = await f.InstallAndApproveAsync(f.Admin1);
        await f.InstallAndApproveAsync(f.Admin2);
        (await LifecycleFixture.RunAsync(["checkcommitreadiness"], f.PeerOf(f.Admin1), LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1))).ExitCode.Should().Be(0);
        (await LifecycleFixture.RunAsync(["commit"], f.PeerOf(f.Admin1), f.PeerOf(f.Admin2), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1))).ExitCode.Should().Be(0);
        (await LifecycleFixture.RunAsync(["querycommitted", "-C", "mychannel", "-n", "basic"], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1))).ExitCode.Should().Be(0);
        (await LifecycleFixture.RunAsync(["querycommitted", "-C", "mychannel"], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1))).ExitCode.Should().Be(0);

        var expectedPolicy = new Fabric.Protos.Peer.ApplicationPolicy { SignaturePolicy = SignaturePolicyParser.Parse(LifecycleFixture.Policy) }.ToByteString();
        var expectedCollections = CollectionsConfig.Parse(File.ReadAllBytes(LifecycleFixture.CollectionsFile), "two-org");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, signed) in f.Network.Proposals)
        {
            var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
            var header = Header.Parser.ParseFrom(proposal.Header);
            var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
            var (invocation, _, payload) = FabricChecks.VerifyProposal(signed, channelHeader.ChannelId, channelHeader.TxId, [], HashAlgorithmName.SHA256);

            channelHeader.Type.Should().Be((int)HeaderType.EndorserTransaction);
            ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension).ChaincodeId.Name.Should().Be("_lifecycle");
            invocation.ChaincodeName.Should().Be("_lifecycle");
            invocation.Args.Should().HaveCount(2);
            payload.TransientMap.Should().BeEmpty();
            var function = invocation.Function;
            var args = invocation.Args[1];
            seen.Add(function);
            switch (function)
            {
                case "InstallChaincode":
                    channelHeader.ChannelId.Should().BeEmpty("install is not a channel operation");
                    InstallChaincodeArgs.Parser.ParseFrom(args).ChaincodeInstallPackage.ToByteArray().Should().Equal(File.ReadAllBytes(f.PackageFile));
                    break;
                case "QueryInstalledChaincodes":
                    channelHeader.ChannelId.Should().BeEmpty();
                    QueryInstalledChaincodesArgs.Parser.ParseFrom(args).Should().Be(new QueryInstalledChaincodesArgs());
                    break;
                case "ApproveChaincodeDefinitionForMyOrg":
                    channelHeader.ChannelId.Should().Be("mychannel");
                    var approve = ApproveChaincodeDefinitionForMyOrgArgs.Parser.ParseFrom(args);
                    approve.Should().Be(new ApproveChaincodeDefinitionForMyOrgArgs
                    {
                        Name = "basic",
                        Version = "1.0",
                        Sequence = 1,
                        ValidationParameter = expectedPolicy,
                        Collections = expectedCollections,
                        Source = new ChaincodeSource { LocalPackage = new ChaincodeSource.Types.Local { PackageId = packageId } },
                    });
                    break;
                case "CheckCommitReadiness":
                    CheckCommitReadinessArgs.Parser.ParseFrom(args).Should().Be(new CheckCommitReadinessArgs
                    {
                        Name = "basic", Version = "1.0", Sequence = 1, ValidationParameter = expectedPolicy, Collections = expectedCollections,
                    });
                    break;
                case "CommitChaincodeDefinition":
                    channelHeader.ChannelId.Should().Be("mychannel");
                    CommitChaincodeDefinitionArgs.Parser.ParseFrom(args).Should().Be(new CommitChaincodeDefinitionArgs
                    {
                        Name = "basic", Version = "1.0", Sequence = 1, ValidationParameter = expectedPolicy, Collections = expectedCollections,
                    });
                    break;
                case "QueryChaincodeDefinition":
                    QueryChaincodeDefinitionArgs.Parser.ParseFrom(args).Name.Should().Be("basic");
                    break;
                case "QueryChaincodeDefinitions":
                    QueryChaincodeDefinitionsArgs.Parser.ParseFrom(args).Should().Be(new QueryChaincodeDefinitionsArgs());
                    break;
                default:
                    throw new InvalidOperationException($"unexpected function {function}");
            }
        }

        seen.Should().BeEquivalentTo(
            "InstallChaincode", "QueryInstalledChaincodes", "ApproveChaincodeDefinitionForMyOrg", "CheckCommitReadiness",
            "CommitChaincodeDefinition", "QueryChaincodeDefinition", "QueryChaincodeDefinitions");
        f.Network.Violations.Should().BeEmpty();
    }

    [Fact]
    public async Task Commit_TransactionCarriesEveryPeersEndorsementAndNoTransientData()
    {
        await using var f = await LifecycleFixture.StartAsync();
        await f.InstallAndApproveAsync(f.Admin1);
        await f.InstallAndApproveAsync(f.Admin2);

        var commit = await LifecycleFixture.RunAsync(["commit"], f.PeerOf(f.Admin1), f.PeerOf(f.Admin2), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin2));

        commit.ExitCode.Should().Be(0, commit.ToString());
        var envelope = f.Network.Transactions.Last();
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var creator = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader).Creator;
        FabricChecks.VerifySignature(creator, envelope.Payload, envelope.Signature, HashAlgorithmName.SHA256).Should().Be("Org2MSP");
        var action = Transaction.Parser.ParseFrom(payload.Data).Actions.Single();
        var endorsements = ChaincodeActionPayload.Parser.ParseFrom(action.Payload).Action.Endorsements;
        endorsements.Select(e => Fabric.Protos.Msp.SerializedIdentity.Parser.ParseFrom(e.Endorser).Mspid).Should().BeEquivalentTo("Org1MSP", "Org2MSP");
        // The CLI waited on both peers' block streams, each opened with a signed seek request.
        f.Network.SeekRequests.Count.Should().BeGreaterThanOrEqualTo(2);
        f.Network.Violations.Should().BeEmpty();
    }

    [Fact]
    public async Task Approve_Twice_IsAcceptedAndPackageIdCanChange()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var packageId = await f.InstallAndApproveAsync(f.Admin1);

        var again = await LifecycleFixture.RunAsync(["approveformyorg", "--package-id", packageId], f.PeerOf(f.Admin1), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));

        again.ExitCode.Should().Be(0, again.ToString());
        again.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Approve_WithoutPackageId_SendsSourceUnavailable()
    {
        await using var f = await LifecycleFixture.StartAsync();

        var approve = await LifecycleFixture.RunAsync(["approveformyorg"], f.PeerOf(f.Admin1), f.Orderer, LifecycleFixture.Definition(), LifecycleFixture.As(f.Admin1));

        approve.ExitCode.Should().Be(0, approve.ToString());
        var args = f.Network.Proposals.Select(p => p.Proposal).Select(ArgsOf).Single(a => a.Function == "ApproveChaincodeDefinitionForMyOrg").Args;
        ApproveChaincodeDefinitionForMyOrgArgs.Parser.ParseFrom(args).Source.TypeCase.Should().Be(ChaincodeSource.TypeOneofCase.Unavailable);
    }

    [Fact]
    public async Task QueryApproved_ShowsTheOrganizationsApprovalWithItsPackageId()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var packageId = await f.InstallAndApproveAsync(f.Admin1);

        var approved = await LifecycleFixture.RunAsync(["queryapproved", "-C", "mychannel", "-n", "basic"], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));
        var none = await LifecycleFixture.RunAsync(["queryapproved", "-C", "mychannel", "-n", "basic"], f.PeerOf(f.Admin2), LifecycleFixture.As(f.Admin2));

        approved.ExitCode.Should().Be(0, approved.ToString());
        approved.Output.Should().Contain($"sequence: 1, version: 1.0, init-required: false, package-id: {packageId}, endorsement plugin: escc, validation plugin: vscc");
        none.ExitCode.Should().Be(1, none.ToString());
        none.Error.Should().Contain("could not fetch approved chaincode definition");
        var args = f.Network.Proposals.Select(p => ArgsOf(p.Proposal)).Last(a => a.Function == "QueryApprovedChaincodeDefinition").Args;
        QueryApprovedChaincodeDefinitionArgs.Parser.ParseFrom(args).Should().Be(new QueryApprovedChaincodeDefinitionArgs { Name = "basic", Sequence = 0 });
    }

    [Fact]
    public async Task Install_SamePackageTwice_ReportsAlreadyInstalled()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var packageId = await f.PackageAsync();
        (await LifecycleFixture.RunAsync(["install", f.PackageFile], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1))).ExitCode.Should().Be(0);

        var again = await LifecycleFixture.RunAsync(["install", f.PackageFile], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));

        again.ExitCode.Should().Be(0, again.ToString());
        again.Output.Should().Contain($"Already installed on peer {f.Network.Peers["Org1MSP"].Address}. Package ID: {packageId}");
    }

    [Fact]
    public async Task QueryInstalled_Json_IsTheResultMessage()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var packageId = await f.InstallAndApproveAsync(f.Admin1);

        var result = await LifecycleFixture.RunAsync(["queryinstalled", "-O", "json"], f.PeerOf(f.Admin1), LifecycleFixture.As(f.Admin1));

        result.ExitCode.Should().Be(0, result.ToString());
        var parsed = QueryInstalledChaincodesResult.Parser.WithDiscardUnknownFields(false).ParseJson(result.Output);
        parsed.InstalledChaincodes.Single().PackageId.Should().Be(packageId);
    }

    private static (string Function, ByteString Args) ArgsOf(SignedProposal signed)
    {
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(Proposal.Parser.ParseFrom(signed.ProposalBytes).Payload);
        var input = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec.Input;
        return (Encoding.UTF8.GetString(input.Args[0].Span), input.Args[1]);
    }
}
