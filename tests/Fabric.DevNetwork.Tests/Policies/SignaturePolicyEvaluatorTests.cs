using Fabric.Policies;
using Fabric.DevNetwork.Crypto;
using Fabric.DevNetwork.Msp;
using Fabric.DevNetwork.Policies;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;

namespace Fabric.DevNetwork.Tests.Policies;

public sealed class SignaturePolicyEvaluatorTests(ThreeOrganizations organizations) : IClassFixture<ThreeOrganizations>
{
    private readonly MspRegistry _msps = organizations.Msps;
    private readonly Dictionary<string, MspIdentity> _identities = organizations.Identities;
    private readonly string _root = organizations.Root;

    [Theory]
    [InlineData("AND('Org1MSP.peer', 'Org2MSP.peer')", "Org1MSP.peer,Org2MSP.peer", true)]
    [InlineData("AND('Org1MSP.peer', 'Org2MSP.peer')", "Org1MSP.peer", false)]
    [InlineData("AND('Org1MSP.peer', 'Org2MSP.peer')", "Org1MSP.peer,Org2MSP.client", false)]
    [InlineData("OR('Org1MSP.peer', 'Org2MSP.peer')", "Org2MSP.peer", true)]
    [InlineData("OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')", "Org3MSP.peer,Org1MSP.peer", true)]
    [InlineData("OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')", "Org3MSP.peer", false)]
    [InlineData("AND('Org1MSP.member', 'Org1MSP.member')", "Org1MSP.peer", false)]
    [InlineData("AND('Org1MSP.member', 'Org1MSP.member')", "Org1MSP.peer,Org1MSP.client", true)]
    [InlineData("OR('Org1MSP.admin')", "Org1MSP.client", false)]
    [InlineData("OR('Org1MSP.admin')", "Org1MSP.admin", true)]
    public void IsSatisfied_SignersAgainstPolicy_MatchesFabricSemantics(string policy, string signers, bool expected)
    {
        var identities = signers.Split(',').Select(s => _identities[s]).ToList();

        SignaturePolicyEvaluator.IsSatisfied(SignaturePolicyParser.Parse(policy), identities).Should().Be(expected);
    }

    [Fact]
    public void Deserialize_IdentityFromAnotherCa_IsRejected()
    {
        var otherRoot = Path.Combine(_root, "other");
        using (new CryptoMaterialStore(otherRoot, TimeProvider.System).EnsurePeerOrganization("Org1MSP", "org1.example.com"))
        {
        }

        using var stranger = new TestDoubles.TestIdentity("Org1MSP", Path.Combine(otherRoot, "peerOrganizations/org1.example.com/users/User1@org1.example.com/msp"));

        var act = () => _msps.Deserialize(stranger.Serialized);

        act.Should().Throw<MspValidationException>().WithMessage("*certificate signed by unknown authority*");
    }

}

/// <summary>Crypto material and MSPs of three organizations, generated once for the test class.</summary>
public sealed class ThreeOrganizations : IDisposable
{
    internal string Root { get; } = Path.Combine(Path.GetTempPath(), "devnet-policy-tests", Guid.NewGuid().ToString("N"));

    internal MspRegistry Msps { get; }

    internal Dictionary<string, MspIdentity> Identities { get; } = [];

    public ThreeOrganizations()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new CryptoMaterialStore(Root, time);
        var providers = new List<MembershipServiceProvider>();
        foreach (var (mspId, domain) in new[] { ("Org1MSP", "org1.example.com"), ("Org2MSP", "org2.example.com"), ("Org3MSP", "org3.example.com") })
        {
            using var org = store.EnsurePeerOrganization(mspId, domain);
            providers.Add(new MembershipServiceProvider(mspId, org.CaCertificate, time));
        }

        Msps = new MspRegistry(providers);
        foreach (var (mspId, domain) in new[] { ("Org1MSP", "org1.example.com"), ("Org2MSP", "org2.example.com"), ("Org3MSP", "org3.example.com") })
        {
            Identities[$"{mspId}.peer"] = Load($"peerOrganizations/{domain}/peers/peer0.{domain}", mspId);
            Identities[$"{mspId}.client"] = Load($"peerOrganizations/{domain}/users/User1@{domain}", mspId);
            Identities[$"{mspId}.admin"] = Load($"peerOrganizations/{domain}/users/Admin@{domain}", mspId);
        }
    }

    private MspIdentity Load(string relative, string mspId)
    {
        using var identity = new TestDoubles.TestIdentity(mspId, Path.Combine(Root, relative, "msp"));
        return Msps.Deserialize(identity.Serialized);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
