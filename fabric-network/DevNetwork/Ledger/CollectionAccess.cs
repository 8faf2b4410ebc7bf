using Fabric.Protos.Common;
using CollectionConfigPackage = Fabric.Protos.Peer.CollectionConfigPackage;
using StaticCollectionConfig = Fabric.Protos.Peer.StaticCollectionConfig;

namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// What a peer needs to know of one private data collection: which organizations are members (from the MSP IDs
/// named in its member_orgs_policy), how long its data lives, and its memberOnlyRead/memberOnlyWrite flags.
/// </summary>
internal sealed record CollectionAccess(
    string Name,
    IReadOnlySet<string> MemberMspIds,
    ulong BlockToLive,
    bool MemberOnlyRead,
    bool MemberOnlyWrite)
{
    /// <summary>Fabric's prefix of the implicit collection every organization has per chaincode.</summary>
    public const string ImplicitCollectionPrefix = "_implicit_org_";

    public bool IsMember(string mspId) => MemberMspIds.Contains(mspId);

    /// <summary>
    /// Finds a collection in a chaincode's collection configuration; implicit collections (`_implicit_org_&lt;MSPID&gt;`)
    /// are recognised by name when the package does not list them. Null when there is no such collection.
    /// </summary>
    public static CollectionAccess? Find(CollectionConfigPackage? package, string collection)
    {
        foreach (var config in package?.Config ?? [])
        {
            var staticConfig = config.StaticCollectionConfig;
            if (staticConfig is not null && staticConfig.Name == collection)
            {
                return FromConfig(staticConfig);
            }
        }

        if (collection.StartsWith(ImplicitCollectionPrefix, StringComparison.Ordinal)
            && collection.Length > ImplicitCollectionPrefix.Length)
        {
            var mspId = collection[ImplicitCollectionPrefix.Length..];
            return new CollectionAccess(collection, new HashSet<string>(StringComparer.Ordinal) { mspId }, 0, false, false);
        }

        return null;
    }

    public static CollectionAccess FromConfig(StaticCollectionConfig config)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var principal in config.MemberOrgsPolicy?.SignaturePolicy?.Identities ?? [])
        {
            AddMspIds(principal, members);
        }

        return new CollectionAccess(config.Name, members, config.BlockToLive, config.MemberOnlyRead, config.MemberOnlyWrite);
    }

    // Fabric derives a collection's member organizations from the MSP IDs its policy's principals name.
    private static void AddMspIds(MSPPrincipal principal, HashSet<string> members)
    {
        switch (principal.PrincipalClassification)
        {
            case MSPPrincipal.Types.Classification.Role:
                members.Add(MSPRole.Parser.ParseFrom(principal.Principal).MspIdentifier);
                break;
            case MSPPrincipal.Types.Classification.OrganizationUnit:
                members.Add(OrganizationUnit.Parser.ParseFrom(principal.Principal).MspIdentifier);
                break;
            case MSPPrincipal.Types.Classification.Identity:
                members.Add(Fabric.Protos.Msp.SerializedIdentity.Parser.ParseFrom(principal.Principal).Mspid);
                break;
            case MSPPrincipal.Types.Classification.Combined:
                foreach (var inner in CombinedPrincipal.Parser.ParseFrom(principal.Principal).Principals)
                {
                    AddMspIds(inner, members);
                }

                break;
            default:
                break;
        }
    }
}
