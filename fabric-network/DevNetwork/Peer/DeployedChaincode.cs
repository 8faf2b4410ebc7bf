
using Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Peer;

/// <summary>A chaincode definition committed on a channel (what <c>peer lifecycle chaincode commit</c> records).</summary>
internal sealed record DeployedChaincode(
    string Name,
    string Version,
    long Sequence,
    Fabric.Protos.Common.SignaturePolicyEnvelope EndorsementPolicy,
    CollectionConfigPackage Collections,
    bool InitRequired)
{
    public StaticCollectionConfig? FindCollection(string name) =>
        Collections.Config.Select(c => c.StaticCollectionConfig).FirstOrDefault(c => c?.Name == name);
}
