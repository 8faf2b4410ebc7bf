using System.Text;
using Fabric.Admin;
using Fabric.Admin.Policies;
using Fabric.Protos.Peer;
using Fabric.TestSupport;
using Google.Protobuf;

namespace Fabric.Admin.Tests.Policies;

public sealed class CollectionsConfigTests
{
    [Fact]
    public async Task LoadAsync_TradeFinanceConfig_EveryFieldReachesTheProto()
    {
        var package = await CollectionsConfig.LoadAsync(RepositoryLayout.PathOf("fabric-network", "config", "collections", "trade-finance.json"), CancellationToken.None);

        package.Config.Should().HaveCount(2);
        var terms = package.Config[0].StaticCollectionConfig;
        terms.Name.Should().Be("tradeCreditTerms");
        terms.MemberOrgsPolicy.SignaturePolicy.ToByteArray()
            .Should().Equal(SignaturePolicyParser.Parse("OR('IssuingBankMSP.member','AdvisingBankMSP.member')").ToByteArray());
        terms.RequiredPeerCount.Should().Be(1);
        terms.MaximumPeerCount.Should().Be(2);
        terms.BlockToLive.Should().Be(0);
        terms.MemberOnlyRead.Should().BeTrue();
        terms.MemberOnlyWrite.Should().BeTrue();
        terms.EndorsementPolicy.SignaturePolicy.ToByteArray()
            .Should().Equal(SignaturePolicyParser.Parse("AND('IssuingBankMSP.peer','AdvisingBankMSP.peer')").ToByteArray());
        package.Config[1].StaticCollectionConfig.Name.Should().Be("tradeTransportDocuments");
    }

    [Fact]
    public void Parse_AbsentCounts_AreFabricsDefaults_AndKeysAreCaseInsensitive()
    {
        var package = Parse("""[{ "Name": "c1", "POLICY": "OR('A.member')", "blockToLive": 100, "unknownKey": 1 }]""");

        var config = package.Config.Single().StaticCollectionConfig;
        config.Name.Should().Be("c1");
        config.RequiredPeerCount.Should().Be(0);
        config.MaximumPeerCount.Should().Be(1);
        config.BlockToLive.Should().Be(100);
        config.EndorsementPolicy.Should().BeNull();
    }

    [Fact]
    public void Parse_ChannelConfigEndorsementPolicy_IsAReference()
    {
        var package = Parse("""[{ "name": "c1", "policy": "OR('A.member')", "endorsementPolicy": { "channelConfigPolicy": "/Channel/Application/Endorsement" } }]""");

        package.Config[0].StaticCollectionConfig.EndorsementPolicy.ChannelConfigPolicyReference.Should().Be("/Channel/Application/Endorsement");
    }

    [Theory]
    [InlineData("""{ "name": "not an array" }""", "invalid collections config")]
    [InlineData("""[{ "name": "c1" }]""", "has no policy")]
    [InlineData("""[{ "policy": "OR('A.member')" }]""", "has no name")]
    [InlineData("""[{ "name": "c1", "policy": "OR(A.member)" }]""", "invalid signature policy")]
    [InlineData("""[{ "name": "c1", "policy": "OR('A.member')", "endorsementPolicy": { "signaturePolicy": "OR('A.peer')", "channelConfigPolicy": "/x" } }]""", "not both")]
    public void Parse_BadConfig_SaysWhat(string json, string expected)
    {
        var act = () => Parse(json);

        act.Should().Throw<AdminException>().Where(e => e.Kind == AdminErrorKind.InvalidInput && e.Message.Contains(expected, StringComparison.Ordinal));
    }

    private static CollectionConfigPackage Parse(string json) => CollectionsConfig.Parse(Encoding.UTF8.GetBytes(json), "test.json");
}
