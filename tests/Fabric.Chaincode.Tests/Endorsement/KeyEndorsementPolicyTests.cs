using Fabric.Chaincode.Endorsement;
using Fabric.Chaincode.Tests.Support;
using Fabric.Protos.Common;
using FluentAssertions;

namespace Fabric.Chaincode.Tests.Endorsement;

public sealed class KeyEndorsementPolicyTests
{
    [Fact]
    public async Task ToBytes_SortedOrganizations_MatchesOfficialFabricShim()
    {
        var policy = new KeyEndorsementPolicy()
            .AddOrganizations(EndorsementRole.Peer, "Org1MSP")
            .AddOrganizations(EndorsementRole.Member, "Org2MSP", "Org3MSP");

        var reference = await FabricShimReference.AskAsync(new
        {
            policy = new object[]
            {
                new { role = "PEER", mspIds = new[] { "Org1MSP" } },
                new { role = "MEMBER", mspIds = new[] { "Org2MSP", "Org3MSP" } },
            },
        });

        Convert.ToHexString(policy.ToBytes()).Should().Be(reference["policy"]!.GetValue<string>().ToUpperInvariant());
    }

    [Fact]
    public void ToEnvelope_OrganizationsAddedOutOfOrder_AreOrderedOrdinallyWithNOutOfN()
    {
        var envelope = new KeyEndorsementPolicy()
            .AddOrganizations(EndorsementRole.Member, "ZetaMSP", "AlphaMSP", "alphaMSP")
            .ToEnvelope();

        envelope.Version.Should().Be(0);
        envelope.Identities.Select(i => MSPRole.Parser.ParseFrom(i.Principal).MspIdentifier).Should().Equal("AlphaMSP", "ZetaMSP", "alphaMSP");
        envelope.Rule.NOutOf.N.Should().Be(3);
        envelope.Rule.NOutOf.Rules.Select(r => r.SignedBy).Should().Equal(0, 1, 2);
    }

    [Fact]
    public void Constructor_ExistingPolicy_CanBeChangedAndReserialized()
    {
        var original = new KeyEndorsementPolicy().AddOrganizations(EndorsementRole.Peer, "Org1MSP", "Org2MSP").ToBytes();

        var changed = new KeyEndorsementPolicy(original).RemoveOrganizations("Org1MSP").AddOrganizations(EndorsementRole.Member, "Org3MSP");
        var envelope = changed.ToEnvelope();

        changed.Organizations.Should().Equal("Org2MSP", "Org3MSP");
        MSPRole.Parser.ParseFrom(envelope.Identities[0].Principal).Role.Should().Be(MSPRole.Types.MSPRoleType.Peer);
        MSPRole.Parser.ParseFrom(envelope.Identities[1].Principal).Role.Should().Be(MSPRole.Types.MSPRoleType.Member);
    }
}
