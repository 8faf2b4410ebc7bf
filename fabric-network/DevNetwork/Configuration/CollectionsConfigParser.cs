using Fabric.Policies;
using System.Text.Json;
using Fabric.DevNetwork.Policies;

using Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Configuration;

/// <summary>
/// Reads a collections config in Fabric's JSON format (the file given to <c>peer lifecycle chaincode
/// approveformyorg --collections-config</c>: name, policy, requiredPeerCount, maxPeerCount, blockToLive,
/// memberOnlyRead, memberOnlyWrite, endorsementPolicy {signaturePolicy | channelConfigPolicy}) and adds the implicit
/// collection <c>_implicit_org_&lt;MSPID&gt;</c> of every channel organization, as Fabric does.
/// </summary>
internal static class CollectionsConfigParser
{
    public const string ImplicitPrefix = "_implicit_org_";

    public static CollectionConfigPackage Parse(string? json, IEnumerable<string> channelOrganizations)
    {
        var package = new CollectionConfigPackage();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(json))
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("a collections config is a JSON array of collections");
            }

            foreach (var element in document.RootElement.EnumerateArray())
            {
                var collection = ParseCollection(element);
                if (!names.Add(collection.Name))
                {
                    throw new FormatException($"collection {collection.Name} is defined twice");
                }

                package.Config.Add(new CollectionConfig { StaticCollectionConfig = collection });
            }
        }

        foreach (var mspId in channelOrganizations)
        {
            package.Config.Add(new CollectionConfig
            {
                StaticCollectionConfig = new StaticCollectionConfig
                {
                    Name = ImplicitPrefix + mspId,
                    MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = SignaturePolicyParser.Parse($"OR('{mspId}.member')") },
                    RequiredPeerCount = 0,
                    MaximumPeerCount = 0,
                    // Fabric validates writes to an implicit collection against the organization's own
                    // /Channel/Application/<Org>/Endorsement policy, which the dev network's channels define as
                    // OR('<MSPID>.peer') (ChannelGenesis), not against the chaincode's policy.
                    EndorsementPolicy = new ApplicationPolicy { SignaturePolicy = SignaturePolicyParser.Parse($"OR('{mspId}.peer')") },
                },
            });
        }

        return package;
    }

    private static StaticCollectionConfig ParseCollection(JsonElement element)
    {
        string Text(string name) => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        long Number(string name) => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        bool Flag(string name) => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

        var name = Text("name");
        if (name.Length == 0 || name.StartsWith('_'))
        {
            throw new FormatException($"invalid collection name '{name}'");
        }

        var policy = Text("policy");
        if (policy.Length == 0)
        {
            throw new FormatException($"collection {name} has no member policy");
        }

        var collection = new StaticCollectionConfig
        {
            Name = name,
            MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = SignaturePolicyParser.Parse(policy) },
            RequiredPeerCount = (int)Number("requiredPeerCount"),
            MaximumPeerCount = (int)Number("maxPeerCount"),
            BlockToLive = (ulong)Math.Max(0, Number("blockToLive")),
            MemberOnlyRead = Flag("memberOnlyRead"),
            MemberOnlyWrite = Flag("memberOnlyWrite"),
        };
        if (element.TryGetProperty("endorsementPolicy", out var endorsement) && endorsement.ValueKind == JsonValueKind.Object)
        {
            if (endorsement.TryGetProperty("signaturePolicy", out var signature) && signature.GetString() is { Length: > 0 } expression)
            {
                collection.EndorsementPolicy = new Fabric.Protos.Peer.ApplicationPolicy { SignaturePolicy = SignaturePolicyParser.Parse(expression) };
            }
            else if (endorsement.TryGetProperty("channelConfigPolicy", out var reference) && reference.GetString() is { Length: > 0 } path)
            {
                collection.EndorsementPolicy = new Fabric.Protos.Peer.ApplicationPolicy { ChannelConfigPolicyReference = path };
            }
        }

        return collection;
    }

    /// <summary>The MSP IDs a collection's member policy names: the organizations that store its private data.</summary>
    public static IReadOnlySet<string> MembersOf(StaticCollectionConfig collection) =>
        collection.MemberOrgsPolicy?.SignaturePolicy is { } policy
            ? SignaturePolicyEvaluator.MspIdsOf(policy).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
}
