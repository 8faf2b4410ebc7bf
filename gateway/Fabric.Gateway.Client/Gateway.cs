using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.Client.Internal;
using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.Gateway.Client;

/// <summary>
/// A connection to a Fabric Gateway peer as one client identity: the entry point of the client. The gRPC channel
/// belongs to the caller (one channel can serve many gateways); the gateway holds no other resources, so it needs
/// no disposal and is safe to share between threads.
/// </summary>
public sealed class Gateway
{
    private readonly GatewayContext _context;

    private Gateway(GatewayContext context) => _context = context;

    /// <summary>The client identity of every request.</summary>
    public X509Identity Identity => _context.Signing.Identity;

    /// <summary>Connects over a gRPC channel (e.g. a <c>GrpcChannel</c> from <see cref="FabricChannels"/>).</summary>
    /// <param name="channel">The caller-owned channel to the gateway peer.</param>
    /// <param name="identity">The client identity.</param>
    /// <param name="signer">Its signer; null if every request is signed offline.</param>
    /// <param name="options">Timeouts, hashing and retries; null for the defaults.</param>
    /// <param name="loggerFactory">Where log events go; null for none.</param>
    /// <param name="timeProvider">The clock for timestamps and deadlines; null for the system clock.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    public static Gateway Connect(
        ChannelBase channel,
        X509Identity identity,
        ISigner? signer = null,
        GatewayOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return Connect(channel.CreateCallInvoker(), identity, signer, options, loggerFactory, timeProvider);
    }

    /// <summary>Connects over a call invoker, e.g. a channel with interceptors.</summary>
    public static Gateway Connect(
        CallInvoker callInvoker,
        X509Identity identity,
        ISigner? signer = null,
        GatewayOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        ArgumentNullException.ThrowIfNull(identity);
        var settings = (options ?? new GatewayOptions()).Clone();
        settings.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Fabric.Gateway.Client");
        var signing = new SigningIdentity(identity, signer, settings.DigestAlgorithm);
        var rpc = new GatewayRpc(callInvoker, settings, time, logger);
        return new Gateway(new GatewayContext(rpc, signing, settings, time, logger, MvccConflictRetry.Build(settings, time, logger)));
    }

    /// <summary>A channel of the network.</summary>
    public Network GetNetwork(string channelName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        return new Network(_context, channelName);
    }

    /// <summary>Rebuilds a proposal from <see cref="Proposal.GetBytes"/>; it is signed with this gateway's signer when sent.</summary>
    public Proposal NewProposal(ReadOnlyMemory<byte> bytes)
    {
        var proposed = Parse(ProposedTransaction.Parser, bytes, "gateway.ProposedTransaction");
        if (proposed.Proposal is null)
        {
            throw new ArgumentException("The proposed transaction holds no signed proposal.", nameof(bytes));
        }

        return new Proposal(_context.Rpc, _context.Signing, ProposalBuilder.ChannelOf(proposed.Proposal), proposed);
    }

    /// <summary>Rebuilds a proposal from <see cref="Proposal.GetBytes"/> with a signature of its digest made elsewhere.</summary>
    public Proposal NewSignedProposal(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
    {
        var proposal = NewProposal(bytes);
        proposal.SetSignature(RequireSignature(signature));
        return proposal;
    }

    /// <summary>Rebuilds an endorsed transaction from <see cref="Transaction.GetBytes"/>.</summary>
    public Transaction NewTransaction(ReadOnlyMemory<byte> bytes)
    {
        var prepared = Parse(PreparedTransaction.Parser, bytes, "gateway.PreparedTransaction");
        if (prepared.Envelope is null)
        {
            throw new ArgumentException("The prepared transaction holds no envelope.", nameof(bytes));
        }

        return new Transaction(_context.Rpc, _context.Signing, prepared);
    }

    /// <summary>Rebuilds an endorsed transaction with a signature of its digest made elsewhere.</summary>
    public Transaction NewSignedTransaction(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
    {
        var transaction = NewTransaction(bytes);
        transaction.SetSignature(RequireSignature(signature));
        return transaction;
    }

    /// <summary>Rebuilds a commit-status request from <see cref="Commit.GetBytes"/>.</summary>
    public Commit NewCommit(ReadOnlyMemory<byte> bytes)
    {
        var request = Parse(SignedCommitStatusRequest.Parser, bytes, "gateway.SignedCommitStatusRequest");
        return new Commit(_context.Rpc, _context.Signing, CommitRequests.TransactionIdOf(request), request);
    }

    /// <summary>Rebuilds a commit-status request with a signature of its digest made elsewhere.</summary>
    public Commit NewSignedCommit(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
    {
        var commit = NewCommit(bytes);
        commit.SetSignature(RequireSignature(signature));
        return commit;
    }

    /// <summary>Rebuilds a chaincode events request from <see cref="ChaincodeEventsRequest.GetBytes"/>.</summary>
    public ChaincodeEventsRequest NewChaincodeEventsRequest(ReadOnlyMemory<byte> bytes) =>
        new(_context.Rpc, _context.Signing, Parse(SignedChaincodeEventsRequest.Parser, bytes, "gateway.SignedChaincodeEventsRequest"));

    /// <summary>Rebuilds a chaincode events request with a signature of its digest made elsewhere.</summary>
    public ChaincodeEventsRequest NewSignedChaincodeEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
    {
        var request = NewChaincodeEventsRequest(bytes);
        request.SetSignature(RequireSignature(signature));
        return request;
    }

    /// <summary>Rebuilds a block events request from its bytes.</summary>
    public BlockEventsRequest<Block> NewBlockEventsRequest(ReadOnlyMemory<byte> bytes) => NewDeliverRequest<Block>(DeliverKind.Blocks, bytes);

    /// <summary>Rebuilds a block events request with a signature made elsewhere.</summary>
    public BlockEventsRequest<Block> NewSignedBlockEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature) =>
        NewSignedDeliverRequest<Block>(DeliverKind.Blocks, bytes, signature);

    /// <summary>Rebuilds a filtered block events request from its bytes.</summary>
    public BlockEventsRequest<FilteredBlock> NewFilteredBlockEventsRequest(ReadOnlyMemory<byte> bytes) =>
        NewDeliverRequest<FilteredBlock>(DeliverKind.FilteredBlocks, bytes);

    /// <summary>Rebuilds a filtered block events request with a signature made elsewhere.</summary>
    public BlockEventsRequest<FilteredBlock> NewSignedFilteredBlockEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature) =>
        NewSignedDeliverRequest<FilteredBlock>(DeliverKind.FilteredBlocks, bytes, signature);

    /// <summary>Rebuilds a block-and-private-data events request from its bytes.</summary>
    public BlockEventsRequest<BlockAndPrivateData> NewBlockAndPrivateDataEventsRequest(ReadOnlyMemory<byte> bytes) =>
        NewDeliverRequest<BlockAndPrivateData>(DeliverKind.BlocksAndPrivateData, bytes);

    /// <summary>Rebuilds a block-and-private-data events request with a signature made elsewhere.</summary>
    public BlockEventsRequest<BlockAndPrivateData> NewSignedBlockAndPrivateDataEventsRequest(
        ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature) =>
        NewSignedDeliverRequest<BlockAndPrivateData>(DeliverKind.BlocksAndPrivateData, bytes, signature);

    private BlockEventsRequest<TBlock> NewDeliverRequest<TBlock>(DeliverKind kind, ReadOnlyMemory<byte> bytes)
        where TBlock : class =>
        new(_context.Rpc, _context.Signing, kind, Parse(Envelope.Parser, bytes, "common.Envelope"));

    private BlockEventsRequest<TBlock> NewSignedDeliverRequest<TBlock>(DeliverKind kind, ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
        where TBlock : class
    {
        var request = NewDeliverRequest<TBlock>(kind, bytes);
        request.SetSignature(RequireSignature(signature));
        return request;
    }

    private static ReadOnlySpan<byte> RequireSignature(ReadOnlyMemory<byte> signature) =>
        signature.IsEmpty ? throw new ArgumentException("The signature is empty.", nameof(signature)) : signature.Span;

    private static T Parse<T>(MessageParser<T> parser, ReadOnlyMemory<byte> bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException($"The bytes are not a serialized {what}.", nameof(bytes), e);
        }
    }
}
