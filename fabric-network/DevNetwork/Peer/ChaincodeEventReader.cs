using Fabric.DevNetwork.Protocol;
using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Orderer;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace Fabric.DevNetwork.Peer;

/// <summary>
/// Picks the chaincode events of one chaincode out of committed blocks (valid transactions only), skipping events
/// up to and including <c>after_transaction_id</c>, as Fabric's gateway does.
/// </summary>
internal sealed class ChaincodeEventReader(string chaincodeId, string afterTransactionId)
{
    private bool _passedAfterTransaction = afterTransactionId.Length == 0;

    public static ulong StartBlock(PeerChannel channel, ChaincodeEventsRequest request)
    {
        if (request.AfterTransactionId.Length > 0 && channel.Index.Find(request.AfterTransactionId) is { } status)
        {
            return status.BlockNumber;
        }

        return request.StartPosition?.TypeCase switch
        {
            null or SeekPosition.TypeOneofCase.None or SeekPosition.TypeOneofCase.NextCommit => channel.Store.Height,
            SeekPosition.TypeOneofCase.Specified => request.StartPosition.Specified.Number,
            var other => throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid start position type: {other}")),
        };
    }

    public List<ChaincodeEvent> EventsOf(Block block)
    {
        var events = new List<ChaincodeEvent>();
        var filter = block.Metadata.Metadata.Count > (int)BlockMetadataIndex.TransactionsFilter
            ? block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter]
            : ByteString.Empty;
        for (var i = 0; i < block.Data.Data.Count; i++)
        {
            if (i >= filter.Length || (TxValidationCode)filter[i] != TxValidationCode.Valid)
            {
                continue;
            }

            var envelope = ParsedEnvelope.Parse(Envelope.Parser.ParseFrom(block.Data.Data[i]));
            if (envelope.Type != HeaderType.EndorserTransaction || EndorserTransaction.TryParse(envelope).Transaction?.Event is not { } chaincodeEvent)
            {
                continue;
            }

            if (!_passedAfterTransaction)
            {
                _passedAfterTransaction = chaincodeEvent.TxId == afterTransactionId;
                continue;
            }

            if (chaincodeEvent.ChaincodeId == chaincodeId)
            {
                events.Add(chaincodeEvent);
            }
        }

        return events;
    }
}
