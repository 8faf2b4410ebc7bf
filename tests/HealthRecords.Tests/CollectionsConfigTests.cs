using Fabric.TestSupport;
using System.Text.Json;
using FluentAssertions;
using HealthRecords.Domain;

namespace HealthRecords.Tests;

/// <summary>The collections config the chaincode is deployed with must define exactly the pairwise collections the code uses.</summary>
public sealed class CollectionsConfigTests
{
    private static readonly string[] Hospitals = ["HospitalAMSP", "HospitalBMSP"];

    private static JsonElement[] Load()
    {
        var path = RepositoryLayout.PathOf("fabric-network", "config", "collections", "health-records.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToArray();
    }

    [Fact]
    public void Collections_EveryHospitalPair_DefinedWithChaincodeName()
    {
        Load().Select(c => c.GetProperty("name").GetString()).Should().BeEquivalentTo(CollectionNames.AllPairs(Hospitals));
    }

    [Fact]
    public void Collections_PairPolicy_OnlyThePairAndMemberOnlyRead()
    {
        foreach (var collection in Load())
        {
            var name = collection.GetProperty("name").GetString()!;
            var members = name[CollectionNames.PairPrefix.Length..].Split('_');
            collection.GetProperty("policy").GetString().Should().Be($"OR('{members[0]}.member', '{members[1]}.member')");
            collection.GetProperty("memberOnlyRead").GetBoolean().Should().BeTrue();
            collection.GetProperty("endorsementPolicy").GetProperty("signaturePolicy").GetString()
                .Should().Be($"OR('{members[0]}.peer', '{members[1]}.peer')");
            collection.TryGetProperty("blockToLive", out _).Should().BeTrue();
        }
    }
}
