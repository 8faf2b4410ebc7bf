using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Protocol;
using Fabric.Protos.Common;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Peer;
using Grpc.Core;

namespace Fabric.DevNetwork.Peer;

/// <summary>
/// protos.Deliver of a peer: committed blocks (with their TRANSACTIONS_FILTER), filtered blocks (transaction IDs,
/// validation codes, chaincode events without payload), or blocks with the private data of the collections the
/// requester's organization is a member of.
/// </summary>
internal sealed class PeerDeliverService(PeerNode peer) : Protos.Peer.Deliver.DeliverBase
{
    public override Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        Serve(requestStream, responseStream, context, (_, block, _) => new DeliverResponse { Block = block });

    public override Task DeliverFiltered(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        Serve(requestStream, responseStream, context, (channel, block, _) => new DeliverResponse { FilteredBlock = Filter(channel.ChannelId, block) });

    public override Task DeliverWithPrivateData(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        Serve(requestStream, responseStream, context, (channel, block, request) =>
        {
            var withPrivateData = new BlockAndPrivateData { Block = block };
            foreach (var (txNumber, writes) in channel.Store.GetPrivateData(block.Header.Number))
            {
                if (Readable(channel, writes, request.Creator.MspId) is { } readable)
                {
                    withPrivateData.PrivateDataMap[txNumber] = readable;
                }
            }

            return new DeliverResponse { BlockAndPrivateData = withPrivateData };
        });

    private async Task Serve(
        IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context,
        Func<PeerChannel, Block, DeliverRequest, DeliverResponse> convert)
    {
        await foreach (var envelope in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            var (request, status) = DeliverRequest.Parse(
                envelope, id => peer.Channels.GetValueOrDefault(id)?.Members, id => peer.Channels.GetValueOrDefault(id)?.Store.Height ?? 0);
            if (request is not null)
            {
                var channel = peer.Channels[request.ChannelId];
                for (var number = request.Start; number <= request.Stop; number++)
                {
                    await channel.Store.WaitForBlockAsync(number, context.CancellationToken).ConfigureAwait(false);
                    await responseStream.WriteAsync(convert(channel, channel.Store.GetBlock(number)!, request), context.CancellationToken).ConfigureAwait(false);
                    if (number == ulong.MaxValue)
                    {
                        break;
                    }
                }
            }

            await responseStream.WriteAsync(new DeliverResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private static FilteredBlock Filter(string channelId, Block block)
    {
        var filtered = new FilteredBlock { ChannelId = channelId, Number = block.Header.Number };
        var codes = block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter];
        for (var i = 0; i < block.Data.Data.Count; i++)
        {
            var envelope = ParsedEnvelope.Parse(Envelope.Parser.ParseFrom(block.Data.Data[i]));
            var transaction = new FilteredTransaction
            {
                Txid = envelope.ChannelHeader.TxId,
                Type = envelope.Type,
                TxValidationCode = i < codes.Length ? (TxValidationCode)codes[i] : TxValidationCode.NotValidated,
            };
            if (envelope.Type == HeaderType.EndorserTransaction)
            {
                var actions = new FilteredTransactionActions();
                if (EndorserTransaction.TryParse(envelope).Transaction?.Event is { ChaincodeId.Length: > 0 } chaincodeEvent)
                {
                    actions.ChaincodeActions.Add(new FilteredChaincodeAction
                    {
                        ChaincodeEvent = new ChaincodeEvent { ChaincodeId = chaincodeEvent.ChaincodeId, TxId = chaincodeEvent.TxId, EventName = chaincodeEvent.EventName },
                    });
                }

                transaction.TransactionActions = actions;
            }

            filtered.FilteredTransactions.Add(transaction);
        }

        return filtered;
    }

    private static TxPvtReadWriteSet? Readable(PeerChannel channel, TxPvtReadWriteSet writes, string mspId)
    {
        var readable = new TxPvtReadWriteSet { DataModel = writes.DataModel };
        foreach (var ns in writes.NsPvtRwset)
        {
            var kept = new NsPvtReadWriteSet { Namespace = ns.Namespace };
            kept.CollectionPvtRwset.AddRange(ns.CollectionPvtRwset.Where(c =>
                channel.Chaincodes.GetValueOrDefault(ns.Namespace)?.FindCollection(c.CollectionName) is { } config
                && CollectionsConfigParser.MembersOf(config).Contains(mspId)));
            if (kept.CollectionPvtRwset.Count > 0)
            {
                readable.NsPvtRwset.Add(kept);
            }
        }

        return readable.NsPvtRwset.Count > 0 ? readable : null;
    }
}
