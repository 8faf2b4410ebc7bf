using Fabric.Policies;
using Fabric.DevNetwork.Policies;
using Fabric.Protos.Common;
using FluentAssertions;

namespace Fabric.DevNetwork.Tests.Policies;

public sealed class SignaturePolicyParserTests
{
    [Fact]
    public void Parse_AndOfTwoPeers_IsTwoOutOfTwoSignedBy()
    {
        var envelope = SignaturePolicyParser.Parse("AND('Org1MSP.peer', 'Org2MSP.peer')");

        envelope.Rule.NOutOf.N.Should().Be(2);
        envelope.Rule.NOutOf.Rules.Select(r => r.SignedBy).Should().Equal(0, 1);
        envelope.Identities.Select(Role).Should().Equal(("Org1MSP", MSPRole.Types.MSPRoleType.Peer), ("Org2MSP", MSPRole.Types.MSPRoleType.Peer));
    }

    [Fact]
    public void Parse_NestedOutOfWithDoubleQuotesAndLowercase_KeepsStructure()
    {
        var envelope = SignaturePolicyParser.Parse("OutOf(2, \"A.member\", or('B.admin', 'C.client'), 'D-x.org.orderer')");

        envelope.Rule.NOutOf.N.Should().Be(2);
        envelope.Rule.NOutOf.Rules.Should().HaveCount(3);
        envelope.Rule.NOutOf.Rules[1].NOutOf.N.Should().Be(1);
        envelope.Identities.Select(Role).Last().Should().Be(("D-x.org", MSPRole.Types.MSPRoleType.Orderer));
    }

    [Theory]
    [InlineData("AND('Org1MSP.peer'")]
    [InlineData("XOR('Org1MSP.peer')")]
    [InlineData("AND('Org1MSP.boss')")]
    [InlineData("OutOf(4, 'A.peer', 'B.peer')")]
    [InlineData("'Org1MSP.peer' trailing")]
    public void Parse_InvalidExpression_ThrowsFormatException(string expression)
    {
        var act = () => SignaturePolicyParser.Parse(expression);

        act.Should().Throw<FormatException>().WithMessage("invalid signature policy*");
    }

    [Fact]
    public void Majority_ThreeOrganizations_NeedsTwoPeers()
    {
        var envelope = SignaturePolicyParser.Majority(["A", "B", "C"]);

        envelope.Rule.NOutOf.N.Should().Be(2);
        envelope.Identities.Should().HaveCount(3);
    }

    private static (string, MSPRole.Types.MSPRoleType) Role(MSPPrincipal principal)
    {
        var role = MSPRole.Parser.ParseFrom(principal.Principal);
        return (role.MspIdentifier, role.Role);
    }
}
