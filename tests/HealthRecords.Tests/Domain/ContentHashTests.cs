using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HealthRecords.Domain;

namespace HealthRecords.Tests.Domain;

public sealed class ContentHashTests
{
    [Fact]
    public void Compute_SaltThenContent_Sha256Hex()
    {
        var salt = DomainSamples.Salt;
        var content = Encoding.UTF8.GetBytes("negative");

        var expected = Convert.ToHexStringLower(SHA256.HashData([.. salt, .. content]));

        ContentHash.Compute(salt, content).Should().Be(expected);
    }

    [Fact]
    public void Compute_DifferentSalt_DifferentHash()
    {
        var content = Encoding.UTF8.GetBytes("negative");
        var otherSalt = DomainSamples.Salt.Select(b => (byte)(b + 1)).ToArray();

        ContentHash.Compute(DomainSamples.Salt, content).Should().NotBe(ContentHash.Compute(otherSalt, content));
    }

    [Fact]
    public void Verify_MatchingHash_True()
    {
        var content = Encoding.UTF8.GetBytes("negative");
        var hash = ContentHash.Compute(DomainSamples.Salt, content);

        ContentHash.Verify(DomainSamples.Salt, content, hash).Should().BeTrue();
        ContentHash.Verify(DomainSamples.Salt, content, hash.ToUpperInvariant()).Should().BeTrue();
    }

    [Fact]
    public void Verify_TamperedContent_False()
    {
        var hash = ContentHash.Compute(DomainSamples.Salt, Encoding.UTF8.GetBytes("negative"));

        ContentHash.Verify(DomainSamples.Salt, Encoding.UTF8.GetBytes("positive"), hash).Should().BeFalse();
        ContentHash.Verify(DomainSamples.Salt, Encoding.UTF8.GetBytes("negative"), "abc").Should().BeFalse();
    }
}
