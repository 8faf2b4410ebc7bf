using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Msp;
using Fabric.DevNetwork.Storage;
using Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Peer;

/// <summary>One channel as one peer holds it: members, chaincode definitions, ledger (blocks, state, index) and transient store.</summary>
internal sealed class PeerChannel(
    string channelId,
    IReadOnlyList<string> organizations,
    MspRegistry members,
    IReadOnlyDictionary<string, DeployedChaincode> chaincodes,
    IWorldState state,
    BlockStore store,
    TimeProvider timeProvider) : IDisposable
{
    public string ChannelId { get; } = channelId;

    /// <summary>MSP IDs of the channel's application organizations.</summary>
    public IReadOnlyList<string> Organizations { get; } = organizations;

    public MspRegistry Members { get; } = members;

    public IReadOnlyDictionary<string, DeployedChaincode> Chaincodes { get; } = chaincodes;

    /// <summary>Collection configurations by chaincode name, as the chaincode runtime wants them.</summary>
    public IReadOnlyDictionary<string, CollectionConfigPackage> Collections { get; } =
        chaincodes.ToDictionary(c => c.Key, c => c.Value.Collections, StringComparer.Ordinal);

    public IWorldState State { get; } = state;

    public BlockStore Store { get; } = store;

    public TransactionIndex Index { get; } = new();

    public TransientStore Transient { get; } = new(timeProvider);

    public void Dispose() => Store.Dispose();
}
