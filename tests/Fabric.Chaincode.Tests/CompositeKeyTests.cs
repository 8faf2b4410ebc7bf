using System.Text;
using Fabric.Chaincode.Tests.Support;
using FluentAssertions;

namespace Fabric.Chaincode.Tests;

public sealed class CompositeKeyTests
{
    [Fact]
    public void Create_ObjectTypeAndAttributes_UsesFabricEncoding()
    {
        var key = CompositeKey.Create("asset", "blue", "a1");

        key.Should().Be("\0asset\0blue\0a1\0");
        Convert.ToHexString(Encoding.UTF8.GetBytes(key)).Should().Be("006173736574" + "00" + "626C7565" + "00" + "6131" + "00");
    }

    [Fact]
    public async Task Create_VariousInputs_MatchesOfficialFabricShim()
    {
        var cases = new (string ObjectType, string[] Attributes)[]
        {
            ("asset", ["blue", "a1"]),
            ("owner~asset", []),
            ("ünïcødé", ["日本", "😀"]),
            ("x", ["with space", "tab\tand:colon"]),
        };

        // (Node rejects empty parts while Go accepts them; the .NET shim follows Go, so empty parts are not compared.)

        var reference = await FabricShimReference.AskAsync(new
        {
            compositeKeys = cases.Select(c => new { objectType = c.ObjectType, attributes = c.Attributes }).ToArray(),
        });

        var expected = reference["compositeKeys"]!.AsArray().Select(n => n!.GetValue<string>().ToUpperInvariant()).ToArray();
        var ours = cases.Select(c => Convert.ToHexString(Encoding.UTF8.GetBytes(CompositeKey.Create(c.ObjectType, c.Attributes)))).ToArray();
        ours.Should().Equal(expected);
    }

    [Fact]
    public void Split_CompositeKey_ReturnsObjectTypeAndAttributes()
    {
        var (objectType, attributes) = CompositeKey.Split("\0asset\0blue\0\0a1\0");

        objectType.Should().Be("asset");
        attributes.Should().Equal("blue", string.Empty, "a1");
    }

    [Fact]
    public void Split_SimpleKey_Throws()
    {
        var split = () => CompositeKey.Split("asset1");

        split.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("a\0b", "U+0000")]
    [InlineData("a\U0010FFFFb", "U+10FFFF")]
    public void Create_ForbiddenCharacter_ThrowsNamingIt(string attribute, string expected)
    {
        var create = () => CompositeKey.Create("asset", attribute);

        create.Should().Throw<ArgumentException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Create_LoneSurrogate_ThrowsBecauseItIsNotUtf8()
    {
        var attribute = "bad" + (char)0xD800 + "surrogate";

        var create = () => CompositeKey.Create("asset", attribute);

        create.Should().Throw<ArgumentException>().Which.Message.Should().Contain("lone surrogate");
    }

    [Fact]
    public void PartialKeyRange_EndsWithMaxCodePoint()
    {
        var (start, end) = CompositeKey.PartialKeyRange("asset", ["blue"]);

        start.Should().Be("\0asset\0blue\0");
        Encoding.UTF8.GetBytes(end)[^4..].Should().Equal(0xF4, 0x8F, 0xBF, 0xBF);
    }
}
