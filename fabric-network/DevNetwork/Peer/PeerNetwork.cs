using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Orderer;
using Fabric.Protos.Ledger.Rwset;

namespace Fabric.DevNetwork.Peer;

/// <summary>
/// The peers and the orderer of this process, as each gateway sees the network (Fabric's discovery) and as the
/// endorser disseminates private data (Fabric's gossip).
/// </summary>
internal sealed class PeerNetwork(IReadOnlyList<PeerNode> peers, OrderingService orderer)
{
    public IReadOnlyList<PeerNode> Peers { get; } = peers;

    public OrderingService Orderer { get; } = orderer;

    public PeerNode? PeerOf(string mspId, string channelId) =>
        Peers.FirstOrDefault(p => p.MspId == mspId && p.Channels.ContainsKey(channelId));

    /// <summary>Hands each member peer of a collection the writes to that collection (and nothing else).</summary>
    public void DistributePrivateData(string channelId, string txId, TxPvtReadWriteSet writes, DeployedChaincode definition)
    {
        foreach (var peer in Peers)
        {
            if (!peer.Channels.TryGetValue(channelId, out var channel))
            {
                continue;
            }

            var forPeer = new TxPvtReadWriteSet { DataModel = writes.DataModel };
            foreach (var ns in writes.NsPvtRwset)
            {
                var chaincode = channel.Chaincodes.GetValueOrDefault(ns.Namespace) ?? (ns.Namespace == definition.Name ? definition : null);
                var kept = new NsPvtReadWriteSet { Namespace = ns.Namespace };
                kept.CollectionPvtRwset.AddRange(ns.CollectionPvtRwset.Where(c =>
                    chaincode?.FindCollection(c.CollectionName) is { } config && CollectionsConfigParser.MembersOf(config).Contains(peer.MspId)));
                if (kept.CollectionPvtRwset.Count > 0)
                {
                    forPeer.NsPvtRwset.Add(kept);
                }
            }

            if (forPeer.NsPvtRwset.Count > 0)
            {
                channel.Transient.Put(txId, forPeer);
            }
        }
    }
}
