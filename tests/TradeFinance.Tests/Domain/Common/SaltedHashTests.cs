using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using TradeFinance.Domain.Common;

namespace TradeFinance.Tests.Domain.Common;

public class SaltedHashTests
{
    private sealed record Sample(string Zeta, long Alpha, string Text);

    [Fact]
    public void CanonicalJson_Serialize_SortsMembersAndWritesNoWhiteSpace()
    {
        var json = Encoding.UTF8.GetString(CanonicalJson.Serialize(new Sample("z", 5, "Ünïcode & <tag>")));

        json.Should().Be("{\"alpha\":5,\"text\":\"Ünïcode & <tag>\",\"zeta\":\"z\"}");
    }

    [Fact]
    public void Compute_IsSha256OfSaltThenCanonicalJson()
    {
        var salt = TradeSamples.Salt();
        var value = new Sample("z", 5, "t");
        var expected = Convert.ToHexStringLower(SHA256.HashData([.. salt, .. CanonicalJson.Serialize(value)]));

        SaltedHash.Compute(salt, value).Should().Be(expected);
    }

    [Fact]
    public void Compute_OtherSalt_GivesOtherHash()
    {
        var value = new Sample("z", 5, "t");

        SaltedHash.Compute(TradeSamples.Salt(1), value).Should().NotBe(SaltedHash.Compute(TradeSamples.Salt(2), value));
    }

    [Fact]
    public void RequireSalt_TooShort_Is400NamingTheField()
    {
        Refusal.Expect(400, () => SaltedHash.RequireSalt(new byte[8], "salt")).Should().Contain("'salt'");
        Refusal.Expect(400, () => SaltedHash.RequireSalt(null, "salt"));
    }
}
