using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Ledger;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting;

/// <summary>What a peer's world state is created from: the peer, the channel, and a folder of its own.</summary>
internal sealed record WorldStateContext(string PeerMspId, string ChannelId, string DataDirectory, ILoggerFactory LoggerFactory, TimeProvider TimeProvider);

/// <summary>What a peer's chaincode runtime is created from: the peer's MSP ID and where its organization's chaincodes listen.</summary>
/// <param name="Endpoints">By channel, then chaincode name.</param>
internal sealed record ChaincodeRuntimeContext(
    string PeerMspId,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ChaincodeEndpoint>> Endpoints,
    ILoggerFactory LoggerFactory,
    TimeProvider TimeProvider);

/// <summary>
/// The two pluggable parts of a peer: the world state (Ledger/) and the chaincode runtime (Chaincode/). Tests pass
/// their own; <see cref="Default"/> is what <c>up</c> uses.
/// </summary>
internal sealed record DevNetworkComponents(
    Func<WorldStateContext, IWorldState> CreateWorldState,
    Func<ChaincodeRuntimeContext, IChaincodeRuntime> CreateChaincodeRuntime)
{
    /// <summary>
    /// The implementations shipped with the dev network. The world state and chaincode runtime are built in
    /// Ledger/ and Chaincode/; until they are wired in here, <c>up</c> reports that instead of pretending.
    /// </summary>
    public static DevNetworkComponents Default { get; } = new(
        _ => throw new NotSupportedException("No world state implementation is wired into DevNetworkComponents.Default (Ledger/)."),
        _ => throw new NotSupportedException("No chaincode runtime implementation is wired into DevNetworkComponents.Default (Chaincode/)."));
}
