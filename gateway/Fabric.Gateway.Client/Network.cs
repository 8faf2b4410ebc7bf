using Fabric.Gateway.Client.Internal;
using Fabric.Protos.Common;
using Fabric.Protos.Peer;

namespace Fabric.Gateway.Client;

/// <summary>A channel: its contracts, its chaincode events and its blocks.</summary>
public sealed class Network
{
    private readonly GatewayContext _context;

    internal Network(GatewayContext context, string name)
    {
        _context = context;
        Name = name;
    }

    /// <summary>The channel name.</summary>
    public string Name { get; }

    /// <summary>A chaincode on this channel, optionally one named contract inside it.</summary>
    public Contract GetContract(string chaincodeName, string? contractName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chaincodeName);
        return new Contract(_context, Name, chaincodeName, string.IsNullOrEmpty(contractName) ? null : contractName);
    }

    /// <summary>Streams the events of a chaincode from committed transactions (see <see cref="EventsOptions"/> for where it starts).</summary>
    public IAsyncEnumerable<ChaincodeEvent> GetChaincodeEventsAsync(
        string chaincodeName, EventsOptions? options = null, CancellationToken cancellationToken = default) =>
        NewChaincodeEventsRequest(chaincodeName, options).GetEventsAsync(cancellationToken);

    /// <summary>Builds an unsigned chaincode events request (for offline signing).</summary>
    public ChaincodeEventsRequest NewChaincodeEventsRequest(string chaincodeName, EventsOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chaincodeName);
        return new ChaincodeEventsRequest(
            _context.Rpc, _context.Signing, EventRequests.ChaincodeEvents(_context.Signing, Name, chaincodeName, options));
    }

    /// <summary>Streams full blocks.</summary>
    public IAsyncEnumerable<Block> GetBlockEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default) =>
        NewBlockEventsRequest(options).GetEventsAsync(cancellationToken);

    /// <summary>Builds an unsigned request for full blocks.</summary>
    public BlockEventsRequest<Block> NewBlockEventsRequest(EventsOptions? options = null) => NewDeliverRequest<Block>(DeliverKind.Blocks, options);

    /// <summary>Streams filtered blocks: transaction IDs, validation codes and chaincode events without payloads.</summary>
    public IAsyncEnumerable<FilteredBlock> GetFilteredBlockEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default) =>
        NewFilteredBlockEventsRequest(options).GetEventsAsync(cancellationToken);

    /// <summary>Builds an unsigned request for filtered blocks.</summary>
    public BlockEventsRequest<FilteredBlock> NewFilteredBlockEventsRequest(EventsOptions? options = null) =>
        NewDeliverRequest<FilteredBlock>(DeliverKind.FilteredBlocks, options);

    /// <summary>Streams blocks with the private data this client's organization may see.</summary>
    public IAsyncEnumerable<BlockAndPrivateData> GetBlockAndPrivateDataEventsAsync(
        EventsOptions? options = null, CancellationToken cancellationToken = default) =>
        NewBlockAndPrivateDataEventsRequest(options).GetEventsAsync(cancellationToken);

    /// <summary>Builds an unsigned request for blocks with private data.</summary>
    public BlockEventsRequest<BlockAndPrivateData> NewBlockAndPrivateDataEventsRequest(EventsOptions? options = null) =>
        NewDeliverRequest<BlockAndPrivateData>(DeliverKind.BlocksAndPrivateData, options);

    private BlockEventsRequest<TBlock> NewDeliverRequest<TBlock>(DeliverKind kind, EventsOptions? options)
        where TBlock : class =>
        new(_context.Rpc, _context.Signing, kind,
            EventRequests.BlockEvents(_context.Signing, _context.Time, Name, _context.Options.TlsClientCertificateHash, options));
}
