using Fabric.Protos.Common;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Gateway.TestDoubles;

/// <summary>One transaction in a block of the scripted ledger.</summary>
public sealed record LedgerTransaction(
    string TransactionId,
    TxValidationCode ValidationCode,
    Envelope Envelope,
    ChaincodeEvent? Event = null,
    TxPvtReadWriteSet? PrivateData = null);

/// <summary>
/// The blocks of one scripted channel. Blocks are appended by commits (or by tests directly); readers wait for a
/// block number to exist, with the caller's cancellation.
/// </summary>
public sealed class ScriptedLedger
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<LedgerTransaction>> _blocks = [];
    private readonly Dictionary<string, (ulong Block, TxValidationCode Code)> _transactions = new(StringComparer.Ordinal);
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedLedger(string channelId) => ChannelId = channelId;

    public string ChannelId { get; }

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

    /// <summary>Appends a block; returns its number.</summary>
    public ulong Append(IReadOnlyList<LedgerTransaction> transactions)
    {
        TaskCompletionSource appended;
        ulong number;
        lock (_gate)
        {
            number = (ulong)_blocks.Count;
            _blocks.Add(transactions);
            foreach (var transaction in transactions)
            {
                _transactions.TryAdd(transaction.TransactionId, (number, transaction.ValidationCode));
            }

            appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        appended.SetResult();
        return number;
    }

    /// <summary>Appends a block of transactions that each emit one chaincode event (seeding for event tests).</summary>
    public ulong AppendEvents(string chaincodeName, params (string TransactionId, string EventName)[] events) =>
        Append([.. events.Select(e => new LedgerTransaction(
            e.TransactionId, TxValidationCode.Valid, MinimalEnvelope(ChannelId, e.TransactionId),
            new ChaincodeEvent { ChaincodeId = chaincodeName, TxId = e.TransactionId, EventName = e.EventName, Payload = ByteString.CopyFromUtf8(e.EventName) }))]);

    public bool TryGetTransaction(string transactionId, out ulong blockNumber, out TxValidationCode code)
    {
        lock (_gate)
        {
            if (_transactions.TryGetValue(transactionId, out var found))
            {
                (blockNumber, code) = found;
                return true;
            }
        }

        (blockNumber, code) = (0, TxValidationCode.Valid);
        return false;
    }

    /// <summary>Waits until block <paramref name="number"/> exists and returns its transactions.</summary>
    public async Task<IReadOnlyList<LedgerTransaction>> WaitForBlockAsync(ulong number, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task appended;
            lock (_gate)
            {
                if (number < (ulong)_blocks.Count)
                {
                    return _blocks[(int)number];
                }

                appended = _appended.Task;
            }

            await appended.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the transaction is committed.</summary>
    public async Task<(ulong Block, TxValidationCode Code)> WaitForTransactionAsync(string transactionId, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task appended;
            lock (_gate)
            {
                if (_transactions.TryGetValue(transactionId, out var found))
                {
                    return found;
                }

                appended = _appended.Task;
            }

            await appended.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The block as <c>common.Block</c>, with the transaction validation codes in the TRANSACTIONS_FILTER metadata.</summary>
    public static Block ToBlock(ulong number, IReadOnlyList<LedgerTransaction> transactions)
    {
        var block = new Block
        {
            Header = new BlockHeader { Number = number },
            Data = new BlockData(),
            Metadata = new BlockMetadata(),
        };
        foreach (var transaction in transactions)
        {
            block.Data.Data.Add(transaction.Envelope.ToByteString());
        }

        for (var i = 0; i < 5; i++)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter] =
            ByteString.CopyFrom([.. transactions.Select(t => (byte)t.ValidationCode)]);
        return block;
    }

    public FilteredBlock ToFilteredBlock(ulong number, IReadOnlyList<LedgerTransaction> transactions)
    {
        var filtered = new FilteredBlock { ChannelId = ChannelId, Number = number };
        foreach (var transaction in transactions)
        {
            var item = new FilteredTransaction
            {
                Txid = transaction.TransactionId,
                Type = HeaderType.EndorserTransaction,
                TxValidationCode = transaction.ValidationCode,
                TransactionActions = new FilteredTransactionActions(),
            };
            if (transaction.Event is not null)
            {
                // Filtered blocks carry the event without its payload.
                var withoutPayload = transaction.Event.Clone();
                withoutPayload.Payload = ByteString.Empty;
                item.TransactionActions.ChaincodeActions.Add(new FilteredChaincodeAction { ChaincodeEvent = withoutPayload });
            }

            filtered.FilteredTransactions.Add(item);
        }

        return filtered;
    }

    public static BlockAndPrivateData ToBlockAndPrivateData(ulong number, IReadOnlyList<LedgerTransaction> transactions)
    {
        var result = new BlockAndPrivateData { Block = ToBlock(number, transactions) };
        for (var i = 0; i < transactions.Count; i++)
        {
            if (transactions[i].PrivateData is { } privateData)
            {
                result.PrivateDataMap.Add((ulong)i, privateData);
            }
        }

        return result;
    }

    public static Envelope MinimalEnvelope(string channelId, string transactionId) => new()
    {
        Payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader
                {
                    Type = (int)HeaderType.EndorserTransaction,
                    ChannelId = channelId,
                    TxId = transactionId,
                }.ToByteString(),
            },
        }.ToByteString(),
    };
}
