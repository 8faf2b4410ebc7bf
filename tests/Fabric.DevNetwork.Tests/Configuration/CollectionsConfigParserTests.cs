using Fabric.Policies;
using Fabric.DevNetwork.Configuration;
using Fabric.TestSupport;
using FluentAssertions;

namespace Fabric.DevNetwork.Tests.Configuration;

public sealed class CollectionsConfigParserTests
{
    [Fact]
    public void Parse_FabricCollectionsJson_ReadsEveryFieldAndAddsImplicitCollections()
    {
        var json = File.ReadAllText(RepositoryLayout.PathOf("fabric-network", "config", "collections", "two-org-collections.json"));

        var package = CollectionsConfigParser.Parse(json, ["Org1MSP", "Org2MSP"]);

        var collections = package.Config.Select(c => c.StaticCollectionConfig).ToList();
        collections.Select(c => c.Name).Should().Equal("sharedCollection", "org1Only", "_implicit_org_Org1MSP", "_implicit_org_Org2MSP");
        var org1Only = collections[1];
        org1Only.BlockToLive.Should().Be(3);
        org1Only.MemberOnlyRead.Should().BeTrue();
        org1Only.MemberOnlyWrite.Should().BeFalse();
        org1Only.EndorsementPolicy.SignaturePolicy.Should().NotBeNull();
        CollectionsConfigParser.MembersOf(org1Only).Should().BeEquivalentTo(["Org1MSP"]);
        CollectionsConfigParser.MembersOf(collections[0]).Should().BeEquivalentTo(["Org1MSP", "Org2MSP"]);
        CollectionsConfigParser.MembersOf(collections[3]).Should().BeEquivalentTo(["Org2MSP"]);
        collections[3].EndorsementPolicy.SignaturePolicy.Should().Be(
            SignaturePolicyParser.Parse("OR('Org2MSP.peer')"),
            "Fabric validates implicit-collection writes against the owning organization's Endorsement policy");
    }

    [Fact]
    public void Parse_CollectionWithoutPolicy_Throws()
    {
        var act = () => CollectionsConfigParser.Parse("""[{"name": "c"}]""", ["Org1MSP"]);

        act.Should().Throw<FormatException>().WithMessage("*no member policy*");
    }
}
