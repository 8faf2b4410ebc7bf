using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Admin.Tests.Support.FakeFabric;

/// <summary>One organization's peer in the fake network: its endorsing identity and its server.</summary>
internal sealed class FakePeer(string mspId, TestMsp identity)
{
    public string MspId { get; } = mspId;

    public TestMsp Identity { get; } = identity;

    public FakeServer Server { get; set; } = null!;

    public string Address => Server.Address;
}

/// <summary>
/// A small Fabric network for protocol tests: one peer per organization (protos.Endorser with a _lifecycle that
/// keeps installs, approvals and committed definitions; protos.Deliver with filtered blocks) and an orderer
/// (orderer.AtomicBroadcast) that checks each transaction like a committing peer would, applies it and cuts a
/// block. Every request is decoded and checked; what Fabric would reject lands in <see cref="Violations"/>.
/// </summary>
internal sealed class FakeFabricNetwork : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<FilteredBlock> _blocks = [];
    private TaskCompletionSource _blockAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeFabricNetwork(string channel, IReadOnlyList<string> organizations)
    {
        Channel = channel;
        Organizations = organizations;
        Lifecycle = new FakeLifecycle(this);
        _blocks.Add(new FilteredBlock { ChannelId = channel, Number = 0 });
    }

    public string Channel { get; }

    public IReadOnlyList<string> Organizations { get; }

    public Dictionary<string, FakePeer> Peers { get; } = new(StringComparer.Ordinal);

    public FakeServer Orderer { get; private set; } = null!;

    public FakeLifecycle Lifecycle { get; }

    public ConcurrentQueue<string> Violations { get; } = new();

    public ConcurrentQueue<(string PeerMsp, SignedProposal Proposal)> Proposals { get; } = new();

    public ConcurrentQueue<Envelope> Transactions { get; } = new();

    public ConcurrentQueue<Envelope> SeekRequests { get; } = new();

    /// <summary>When set, the orderer accepts transactions but never cuts a block (a stalled network).</summary>
    public bool HoldBlocks { get; set; }

    /// <summary>When set, the orderer answers every broadcast with this status.</summary>
    public Status? BroadcastStatus { get; set; }

    /// <summary>When set, install reports this package ID instead of the one it computed.</summary>
    public string? InstallPackageIdOverride { get; set; }

    public static async Task<FakeFabricNetwork> StartAsync(string channel, IReadOnlyList<string> organizations, Func<string, X509Certificate2?>? peerTls = null)
    {
        var network = new FakeFabricNetwork(channel, organizations);
        try
        {
            foreach (var mspId in organizations)
            {
                var peer = new FakePeer(mspId, TestMsp.Create(mspId, "peer", $"peer0.{mspId}"));
                network.Peers[mspId] = peer;
                peer.Server = await FakeServer.StartAsync(
                    services => services.AddSingleton(network).AddSingleton(peer),
                    app =>
                    {
                        app.MapGrpcService<FakeEndorserService>();
                        app.MapGrpcService<FakeDeliverService>();
                    },
                    peerTls?.Invoke(mspId));
            }

            network.Orderer = await FakeServer.StartAsync(services => services.AddSingleton(network), app => app.MapGrpcService<FakeOrdererService>());
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Cuts a block with one transaction and wakes the block streams.</summary>
    public void AppendBlock(string transactionId, TxValidationCode code)
    {
        lock (_gate)
        {
            var block = new FilteredBlock { ChannelId = Channel, Number = (ulong)_blocks.Count };
            block.FilteredTransactions.Add(new FilteredTransaction { Txid = transactionId, Type = HeaderType.EndorserTransaction, TxValidationCode = code });
            _blocks.Add(block);
            _blockAdded.TrySetResult();
            _blockAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public ulong Height
    {
        get
        {
            lock (_gate)
            {
                return (ulong)_blocks.Count;
            }
        }
    }

    public async Task<FilteredBlock> WaitForBlockAsync(ulong number, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task added;
            lock (_gate)
            {
                if (number < (ulong)_blocks.Count)
                {
                    return _blocks[(int)number];
                }

                added = _blockAdded.Task;
            }

            await added.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in Peers.Values)
        {
            if (peer.Server is not null)
            {
                await peer.Server.DisposeAsync();
            }

            peer.Identity.Dispose();
        }

        if (Orderer is not null)
        {
            await Orderer.DisposeAsync();
        }
    }
}
