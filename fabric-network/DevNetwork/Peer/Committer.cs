using System.Security.Cryptography;
using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Storage;
using Fabric.Protos.Common;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Peer;

/// <summary>
/// Pulls blocks from the orderer in order, validates them, records each transaction's validation code in the block's
/// TRANSACTIONS_FILTER metadata, stores the block with the private data this peer holds for it, and applies the valid
/// transactions to the world state. On start it first replays its own block store into the (fresh) world state.
/// </summary>
internal sealed class Committer(string mspId, PeerChannel channel, BlockStore ordererBlocks)
{
    private readonly TransactionValidator _validator = new(channel);

    public void Replay()
    {
        var applied = channel.State.LastBlockNumber;
        var purged = new List<PurgedPrivateKey>();
        for (ulong number = 0; number < channel.Store.Height; number++)
        {
            var block = channel.Store.GetBlock(number)!;
            var filter = block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Span;
            var privateData = channel.Store.GetPrivateData(number);
            var committed = new List<CommittedTransaction>();
            for (var i = 0; i < block.Data.Data.Count; i++)
            {
                var code = i < filter.Length ? (TxValidationCode)filter[i] : TxValidationCode.NotValidated;
                var envelope = Protocol.ParsedEnvelope.Parse(Envelope.Parser.ParseFrom(block.Data.Data[i]));
                channel.Index.Add(envelope.ChannelHeader.TxId, new TransactionStatus(number, code));
                if (code == TxValidationCode.Valid && envelope.Type == HeaderType.EndorserTransaction
                    && Protocol.EndorserTransaction.TryParse(envelope).Transaction is { } transaction)
                {
                    committed.Add(ToCommitted((ulong)i, transaction, privateData.GetValueOrDefault((ulong)i)));
                    purged.AddRange(PurgedPrivateKey.In(number, (ulong)i, transaction.ReadWriteSet));
                }
            }

            if (applied is null || number > applied.Value)
            {
                channel.State.ApplyBlock(number, committed);
            }
        }

        // Finishes a removal that a crash interrupted between a purge's commit and the rewrite of the private store.
        channel.Store.RemovePurgedPrivateWrites(purged);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var next = channel.Store.Height;
        while (!cancellationToken.IsCancellationRequested)
        {
            await ordererBlocks.WaitForBlockAsync(next, cancellationToken).ConfigureAwait(false);
            Commit(ordererBlocks.GetBlock(next)!);
            next++;
        }
    }

    public void Commit(Block orderedBlock)
    {
        var block = orderedBlock.Clone();
        var results = _validator.Validate(block);
        var filter = new byte[results.Count];
        var committed = new List<CommittedTransaction>();
        var privateData = new Dictionary<ulong, TxPvtReadWriteSet>();
        for (var i = 0; i < results.Count; i++)
        {
            var (code, transaction) = results[i];
            filter[i] = (byte)code;
            var received = transaction is null ? null : channel.Transient.Take(transaction.TxId);
            if (code != TxValidationCode.Valid || transaction is null)
            {
                continue;
            }

            var held = received is null ? null : PrivateWritesHeld(transaction.ReadWriteSet, received);
            if (held is not null)
            {
                privateData[(ulong)i] = held;
            }

            committed.Add(ToCommitted((ulong)i, transaction, held));
        }

        while (block.Metadata.Metadata.Count <= (int)BlockMetadataIndex.TransactionsFilter)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter] = ByteString.CopyFrom(filter);
        channel.Store.Append(block, privateData);
        channel.State.ApplyBlock(block.Header.Number, committed);
        channel.Store.RemovePurgedPrivateWrites(
            committed.SelectMany(t => PurgedPrivateKey.In(block.Header.Number, t.TxNumber, t.ReadWriteSet)).ToList());
        for (var i = 0; i < results.Count; i++)
        {
            var txId = results[i].Transaction?.TxId ?? TxIdOf(block.Data.Data[i]);
            if (txId.Length > 0)
            {
                channel.Index.Add(txId, new TransactionStatus(block.Header.Number, results[i].Code));
            }
        }

        channel.Transient.PurgeExpired();
    }

    /// <summary>
    /// The private writes this peer keeps: collections its organization is a member of, and only those whose content
    /// matches the hash in the block.
    /// </summary>
    private TxPvtReadWriteSet? PrivateWritesHeld(TxReadWriteSet publicSet, TxPvtReadWriteSet received)
    {
        var held = new TxPvtReadWriteSet { DataModel = received.DataModel };
        foreach (var ns in received.NsPvtRwset)
        {
            var definition = channel.Chaincodes.GetValueOrDefault(ns.Namespace);
            var hashes = publicSet.NsRwset.FirstOrDefault(n => n.Namespace == ns.Namespace)?.CollectionHashedRwset;
            var kept = new NsPvtReadWriteSet { Namespace = ns.Namespace };
            foreach (var collection in ns.CollectionPvtRwset)
            {
                var config = definition?.FindCollection(collection.CollectionName);
                var expected = hashes?.FirstOrDefault(h => h.CollectionName == collection.CollectionName)?.PvtRwsetHash;
                if (config is not null && expected is not null
                    && CollectionsConfigParser.MembersOf(config).Contains(mspId)
                    && SHA256.HashData(collection.Rwset.Span).AsSpan().SequenceEqual(expected.Span))
                {
                    kept.CollectionPvtRwset.Add(collection);
                }
            }

            if (kept.CollectionPvtRwset.Count > 0)
            {
                held.NsPvtRwset.Add(kept);
            }
        }

        return held.NsPvtRwset.Count > 0 ? held : null;
    }

    private static CommittedTransaction ToCommitted(ulong txNumber, Protocol.EndorserTransaction transaction, TxPvtReadWriteSet? privateWrites) =>
        new(txNumber, transaction.TxId, transaction.Envelope.ChannelHeader.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch,
            transaction.ReadWriteSet, privateWrites);

    private static string TxIdOf(ByteString envelope)
    {
        try
        {
            return Protocol.ParsedEnvelope.Parse(Envelope.Parser.ParseFrom(envelope)).ChannelHeader.TxId;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            return "";
        }
    }
}
