using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode;

/// <summary>A peer's view of one channel's ledger, for chaincode-to-chaincode calls across channels.</summary>
/// <param name="Collections">Collection configurations by chaincode name, as in <see cref="ChaincodeInvocation.Collections"/>.</param>
internal sealed record ChannelLedger(IWorldState State, IReadOnlyDictionary<string, CollectionConfigPackage> Collections);
