using System.Text.Json;
using System.Text.Json.Serialization;
using Fabric.Protos.Peer;

namespace Fabric.Admin.Policies;

/// <summary>
/// Fabric's collections configuration JSON (the file given to <c>--collections-config</c>): an array of
/// <c>{name, policy, requiredPeerCount, maxPeerCount, blockToLive, memberOnlyRead, memberOnlyWrite,
/// endorsementPolicy: {signaturePolicy | channelConfigPolicy}}</c>, converted to the CollectionConfigPackage the
/// peer CLI sends. As in Fabric, keys are case-insensitive, unknown keys are ignored, an absent
/// <c>requiredPeerCount</c> is 0 and an absent <c>maxPeerCount</c> is 1.
/// </summary>
internal static class CollectionsConfig
{
    public static async Task<CollectionConfigPackage> LoadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] json;
        try
        {
            json = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"cannot read the collections config {path}: {e.Message}", e);
        }

        return Parse(json, path);
    }

    public static CollectionConfigPackage Parse(ReadOnlySpan<byte> json, string source)
    {
        List<CollectionJson>? items;
        try
        {
            items = JsonSerializer.Deserialize(json, CollectionsJson.Default.ListCollectionJson);
        }
        catch (JsonException e)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"invalid collections config {source}: {e.Message}", e);
        }

        var package = new CollectionConfigPackage();
        foreach (var item in items ?? [])
        {
            if (string.IsNullOrEmpty(item.Name))
            {
                throw new AdminException(AdminErrorKind.InvalidInput, $"invalid collections config {source}: a collection has no name");
            }

            var config = new StaticCollectionConfig
            {
                Name = item.Name,
                MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = ParseMemberPolicy(item, source) },
                RequiredPeerCount = item.RequiredPeerCount ?? 0,
                MaximumPeerCount = item.MaxPeerCount ?? 1,
                BlockToLive = item.BlockToLive,
                MemberOnlyRead = item.MemberOnlyRead,
                MemberOnlyWrite = item.MemberOnlyWrite,
            };
            if (item.EndorsementPolicy is { } endorsement)
            {
                config.EndorsementPolicy = EndorsementPolicies.Create(endorsement.SignaturePolicy, endorsement.ChannelConfigPolicy);
            }

            package.Config.Add(new CollectionConfig { StaticCollectionConfig = config });
        }

        return package;
    }

    private static Fabric.Protos.Common.SignaturePolicyEnvelope ParseMemberPolicy(CollectionJson item, string source)
    {
        if (string.IsNullOrWhiteSpace(item.Policy))
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"invalid collections config {source}: collection {item.Name} has no policy");
        }

        return SignaturePolicyParser.Parse(item.Policy);
    }
}

internal sealed record CollectionJson(
    string? Name,
    string? Policy,
    int? RequiredPeerCount,
    int? MaxPeerCount,
    ulong BlockToLive,
    bool MemberOnlyRead,
    bool MemberOnlyWrite,
    CollectionEndorsementJson? EndorsementPolicy);

internal sealed record CollectionEndorsementJson(string? SignaturePolicy, string? ChannelConfigPolicy);

[JsonSerializable(typeof(List<CollectionJson>))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CollectionsJson : JsonSerializerContext;
