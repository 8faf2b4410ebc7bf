using Fabric.Protos.Common;
using Google.Protobuf;
using CollectionConfig = Fabric.Protos.Peer.CollectionConfig;
using CollectionConfigPackage = Fabric.Protos.Peer.CollectionConfigPackage;
using CollectionPolicyConfig = Fabric.Protos.Peer.CollectionPolicyConfig;
using StaticCollectionConfig = Fabric.Protos.Peer.StaticCollectionConfig;

namespace Fabric.DevNetwork.Tests.Ledger;

/// <summary>Collection configurations as Fabric encodes them: an OR of MSP members as member_orgs_policy.</summary>
internal static class CollectionConfigFactory
{
    public static CollectionConfig Collection(string name, ulong blockToLive = 0, bool memberOnlyRead = false, bool memberOnlyWrite = false, params string[] memberMspIds)
    {
        var envelope = new SignaturePolicyEnvelope
        {
            Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = 1 } },
        };
        for (var i = 0; i < memberMspIds.Length; i++)
        {
            envelope.Identities.Add(new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = new MSPRole { MspIdentifier = memberMspIds[i], Role = MSPRole.Types.MSPRoleType.Member }.ToByteString(),
            });
            envelope.Rule.NOutOf.Rules.Add(new SignaturePolicy { SignedBy = i });
        }

        return new CollectionConfig
        {
            StaticCollectionConfig = new StaticCollectionConfig
            {
                Name = name,
                MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = envelope },
                BlockToLive = blockToLive,
                MemberOnlyRead = memberOnlyRead,
                MemberOnlyWrite = memberOnlyWrite,
                RequiredPeerCount = 0,
                MaximumPeerCount = 1,
            },
        };
    }

    public static CollectionConfigPackage Package(params CollectionConfig[] collections)
    {
        var package = new CollectionConfigPackage();
        package.Config.AddRange(collections);
        return package;
    }
}
