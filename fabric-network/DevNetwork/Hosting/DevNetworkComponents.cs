using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting;

/// <summary>What a peer's world state is created from: the peer, the channel, a folder of its own, and the
/// committed chaincode definitions of the channel (collection membership and blockToLive come from them).</summary>
internal sealed record WorldStateContext(
    string PeerMspId,
    string ChannelId,
    string DataDirectory,
    ILoggerFactory LoggerFactory,
    TimeProvider TimeProvider,
    IReadOnlyDictionary<string, DeployedChaincode> Chaincodes);

/// <summary>What a peer's chaincode runtime is created from: the peer's MSP ID and where its organization's chaincodes listen.</summary>
/// <param name="Endpoints">By channel, then chaincode name.</param>
/// <param name="Chaincodes">The committed definitions, by channel, then chaincode name (init-required, version).</param>
internal sealed record ChaincodeRuntimeContext(
    string PeerMspId,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ChaincodeEndpoint>> Endpoints,
    ILoggerFactory LoggerFactory,
    TimeProvider TimeProvider,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, DeployedChaincode>> Chaincodes);

/// <summary>
/// The two pluggable parts of a peer: the world state (Ledger/) and the chaincode runtime (Chaincode/). Tests pass
/// their own; <see cref="Default"/> is what <c>up</c> uses.
/// </summary>
internal sealed record DevNetworkComponents(
    Func<WorldStateContext, IWorldState> CreateWorldState,
    Func<ChaincodeRuntimeContext, IChaincodeRuntime> CreateChaincodeRuntime)
{
    /// <summary>The implementations shipped with the dev network: Ledger/WorldState and Chaincode/ChaincodeRuntime.</summary>
    public static DevNetworkComponents Default { get; } = new(CreateDefaultWorldState, CreateDefaultRuntime);

    private static WorldState CreateDefaultWorldState(WorldStateContext context) =>
        new(context.PeerMspId, name => context.Chaincodes.TryGetValue(name, out var chaincode) ? chaincode.Collections : null);

    private static ChaincodeRuntime CreateDefaultRuntime(ChaincodeRuntimeContext context)
    {
        var runtime = new ChaincodeRuntime(new ChaincodeRuntimeOptions(), context.TimeProvider, context.LoggerFactory);
        foreach (var (channelId, endpoints) in context.Endpoints)
        {
            foreach (var (name, endpoint) in endpoints)
            {
                var definition = context.Chaincodes.GetValueOrDefault(channelId)?.GetValueOrDefault(name);
                runtime.Register(channelId, endpoint, definition?.InitRequired ?? false, definition?.Version ?? "1.0");
            }
        }

        return runtime;
    }
}
