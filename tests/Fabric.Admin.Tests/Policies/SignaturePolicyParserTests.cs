using Fabric.Admin;
using Fabric.Admin.Policies;
using Fabric.Protos.Common;

using Google.Protobuf;
using Role = Fabric.Protos.Common.MSPRole.Types.MSPRoleType;

namespace Fabric.Admin.Tests.Policies;

/// <summary>Expected envelopes follow Fabric's policydsl behaviour (its own test cases describe the numbering).</summary>
public sealed class SignaturePolicyParserTests
{
    [Fact]
    public void Parse_And_IsAllOutOfPrincipalsInOrder()
    {
        var envelope = SignaturePolicyParser.Parse("AND('Org1MSP.peer', 'Org2MSP.peer')");

        envelope.Version.Should().Be(0);
        envelope.Rule.Should().Be(Gate(2, SignedBy(0), SignedBy(1)));
        envelope.Identities.Should().Equal(Principal("Org1MSP", Role.Peer), Principal("Org2MSP", Role.Peer));
    }

    [Fact]
    public void Parse_NestedGate_NumbersItsPrincipalsBeforeTheEnclosingGatesOwn()
    {
        // Fabric evaluates the nested AND (as an argument) before the OR itself: B=0, C=1, then A=2.
        var envelope = SignaturePolicyParser.Parse("OR('A.member', AND('B.member', 'C.member'))");

        envelope.Identities.Should().Equal(Principal("B", Role.Member), Principal("C", Role.Member), Principal("A", Role.Member));
        envelope.Rule.Should().Be(Gate(1, SignedBy(2), Gate(2, SignedBy(0), SignedBy(1))));
    }

    [Fact]
    public void Parse_TwoNestedGates_NumbersLeftToRight()
    {
        var envelope = SignaturePolicyParser.Parse("OR(AND('A.member', 'B.member'), OR('C.admin', 'D.member'))");

        envelope.Identities.Should().Equal(Principal("A", Role.Member), Principal("B", Role.Member), Principal("C", Role.Admin), Principal("D", Role.Member));
        envelope.Rule.Should().Be(Gate(1, Gate(2, SignedBy(0), SignedBy(1)), Gate(1, SignedBy(2), SignedBy(3))));
    }

    [Fact]
    public void Parse_RepeatedPrincipal_GetsAnIdentityPerOccurrence()
    {
        var envelope = SignaturePolicyParser.Parse("OR('A.peer', 'A.peer')");

        envelope.Identities.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("OutOf(2, 'A.member', 'B.member', 'C.member')", 2)]
    [InlineData("OutOf('1', 'A.member', 'B.member', 'C.member')", 1)]
    [InlineData("outof(0, 'A.member', 'B.member', 'C.member')", 0)]
    [InlineData("OUTOF(4, 'A.member', 'B.member', 'C.member')", 4)]
    public void Parse_OutOf_AcceptsFabricsRange(string policy, int threshold) =>
        SignaturePolicyParser.Parse(policy).Rule.NOutOf.N.Should().Be(threshold);

    [Fact]
    public void Parse_RolesAndMspIdsWithDotsAndDashes()
    {
        var envelope = SignaturePolicyParser.Parse("or('A.peer', 'B.admin', 'MSP.WITH.DOTS.orderer', \"MSP-WITH-DASHES.client\")");

        envelope.Identities.Should().Equal(
            Principal("A", Role.Peer), Principal("B", Role.Admin), Principal("MSP.WITH.DOTS", Role.Orderer), Principal("MSP-WITH-DASHES", Role.Client));
    }

    [Fact]
    public void Parse_SameTextTwice_SameBytes() =>
        SignaturePolicyParser.Parse("AND('Org1MSP.peer', OR('Org2MSP.peer', 'Org3MSP.peer'))").ToByteArray()
            .Should().Equal(SignaturePolicyParser.Parse("AND( 'Org1MSP.peer',OR('Org2MSP.peer','Org3MSP.peer') )").ToByteArray());

    [Theory]
    [InlineData("")]
    [InlineData("'A.member'")]
    [InlineData("OR('A.member', 'Bmember')")]
    [InlineData("OR('A.member', 'B.superuser')")]
    [InlineData("OR('A.member'")]
    [InlineData("OR()")]
    [InlineData("Or('A.member') trailing")]
    [InlineData("NOT('A.member')")]
    [InlineData("oR('A.member')")]
    [InlineData("OutOf(-1, 'A.member', 'B.member')")]
    [InlineData("OutOf(4, 'A.member', 'B.member')")]
    [InlineData("OutOf(x, 'A.member')")]
    public void Parse_PolicyFabricRejects_IsInvalidInput(string policy)
    {
        var act = () => SignaturePolicyParser.Parse(policy);

        act.Should().Throw<AdminException>().Where(e => e.Kind == AdminErrorKind.InvalidInput && e.Message.Contains("invalid signature policy", StringComparison.Ordinal));
    }

    private static SignaturePolicy SignedBy(int index) => new() { SignedBy = index };

    private static SignaturePolicy Gate(int n, params SignaturePolicy[] rules)
    {
        var nOutOf = new SignaturePolicy.Types.NOutOf { N = n };
        nOutOf.Rules.AddRange(rules);
        return new SignaturePolicy { NOutOf = nOutOf };
    }

    private static MSPPrincipal Principal(string mspId, Role role) => new()
    {
        PrincipalClassification = MSPPrincipal.Types.Classification.Role,
        Principal = new MSPRole { MspIdentifier = mspId, Role = role }.ToByteString(),
    };
}
