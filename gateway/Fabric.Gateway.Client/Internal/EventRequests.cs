using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Orderer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ProtoChaincodeEventsRequest = Fabric.Protos.Gateway.ChaincodeEventsRequest;

namespace Fabric.Gateway.Client.Internal;

/// <summary>Builds the unsigned requests for chaincode events (Gateway) and block events (Deliver).</summary>
internal static class EventRequests
{
    public static SignedChaincodeEventsRequest ChaincodeEvents(
        SigningIdentity signing, string channelName, string chaincodeName, EventsOptions? options)
    {
        var (start, afterTransactionId) = StartOf(options);
        return new SignedChaincodeEventsRequest
        {
            Request = new ProtoChaincodeEventsRequest
            {
                ChannelId = channelName,
                ChaincodeId = chaincodeName,
                Identity = signing.Creator,
                StartPosition = start,
                AfterTransactionId = afterTransactionId,
            }.ToByteString(),
        };
    }

    /// <summary>
    /// The signed seek envelope the Deliver service expects: a DELIVER_SEEK_INFO channel header (with the client's
    /// TLS certificate hash when mutual TLS binding is on), the creator, and a SeekInfo from the start position to
    /// the largest block number, blocking until each block is ready.
    /// </summary>
    public static Envelope BlockEvents(
        SigningIdentity signing, TimeProvider time, string channelName, ReadOnlyMemory<byte> tlsCertificateHash, EventsOptions? options)
    {
        var (start, _) = StartOf(options);
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.DeliverSeekInfo,
            ChannelId = channelName,
            Timestamp = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            Epoch = 0,
            TlsCertHash = ByteString.CopyFrom(tlsCertificateHash.Span),
        };
        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = new SignatureHeader { Creator = signing.Creator }.ToByteString(),
            },
            Data = new SeekInfo
            {
                Start = start,
                Stop = new SeekPosition { Specified = new SeekSpecified { Number = ulong.MaxValue } },
                Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
            }.ToByteString(),
        };
        return new Envelope { Payload = payload.ToByteString() };
    }

    private static (SeekPosition Start, string AfterTransactionId) StartOf(EventsOptions? options)
    {
        var checkpoint = options?.Checkpoint;
        if (checkpoint is not null && (checkpoint.BlockNumber != 0 || !string.IsNullOrEmpty(checkpoint.TransactionId)))
        {
            return (Specified(checkpoint.BlockNumber), checkpoint.TransactionId ?? string.Empty);
        }

        if (options?.StartBlock is { } startBlock)
        {
            return (Specified(startBlock), string.Empty);
        }

        return (new SeekPosition { NextCommit = new SeekNextCommit() }, string.Empty);
    }

    private static SeekPosition Specified(ulong blockNumber) => new() { Specified = new SeekSpecified { Number = blockNumber } };
}
