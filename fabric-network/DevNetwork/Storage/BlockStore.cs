using Fabric.Protos.Common;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Storage;

/// <summary>
/// One node's chain of one channel on disk: blocks in <c>blocks.dat</c> and, for peers, the private write sets the
/// peer received for committed transactions in <c>pvtdata.dat</c> (private data never goes into blocks). Blocks are kept
/// in memory too, for delivery; waiters are woken on every append.
/// </summary>
internal sealed class BlockStore : IDisposable
{
    private readonly object _gate = new();
    private readonly List<Block> _blocks;
    private readonly Dictionary<ulong, Dictionary<ulong, TxPvtReadWriteSet>> _privateData = [];
    private readonly RecordFile _blockFile;
    private readonly string _privatePath;
    private RecordFile _privateFile;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BlockStore(string directory)
    {
        _blockFile = RecordFile.Open(Path.Combine(directory, "blocks.dat"), out var blockRecords);
        _blocks = blockRecords.Select(Block.Parser.ParseFrom).ToList();
        _privatePath = Path.Combine(directory, "pvtdata.dat");
        _privateFile = RecordFile.Open(_privatePath, out var privateRecords);
        foreach (var record in privateRecords)
        {
            var entry = BlockAndPrivateData.Parser.ParseFrom(record);
            _privateData[entry.Block.Header.Number] = entry.PrivateDataMap.ToDictionary(p => p.Key, p => p.Value);
        }

        VerifyChain();
    }

    /// <summary>The number of blocks (the next block's number).</summary>
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

    public Block? LastBlock
    {
        get
        {
            lock (_gate)
            {
                return _blocks.Count == 0 ? null : _blocks[^1];
            }
        }
    }

    public Block? GetBlock(ulong number)
    {
        lock (_gate)
        {
            return number < (ulong)_blocks.Count ? _blocks[(int)number] : null;
        }
    }

    /// <summary>The private write sets stored with a block, by transaction index.</summary>
    public IReadOnlyDictionary<ulong, TxPvtReadWriteSet> GetPrivateData(ulong blockNumber)
    {
        lock (_gate)
        {
            return _privateData.TryGetValue(blockNumber, out var map) ? map : new Dictionary<ulong, TxPvtReadWriteSet>();
        }
    }

    /// <summary>
    /// Appends the next block. Private data is written first: after a crash between the two writes, private data
    /// without its block is ignored, and the block is committed again from the orderer.
    /// </summary>
    public void Append(Block block, IReadOnlyDictionary<ulong, TxPvtReadWriteSet>? privateData = null)
    {
        TaskCompletionSource appended;
        lock (_gate)
        {
            var expected = (ulong)_blocks.Count;
            if (block.Header.Number != expected)
            {
                throw new InvalidOperationException($"Block {block.Header.Number} cannot be appended at height {expected}.");
            }

            if (privateData is { Count: > 0 })
            {
                var record = new BlockAndPrivateData { Block = new Block { Header = block.Header } };
                record.PrivateDataMap.Add(privateData.ToDictionary(p => p.Key, p => p.Value));
                _privateFile.Append(record.ToByteArray());
                _privateData[block.Header.Number] = privateData.ToDictionary(p => p.Key, p => p.Value);
            }

            _blockFile.Append(block.ToByteArray());
            _blocks.Add(block);
            appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        appended.SetResult();
    }

    /// <summary>
    /// Removes the writes of purged keys from the private data stored with the transactions before each purge, and
    /// rewrites <c>pvtdata.dat</c> (atomically, by replacing the file) when anything was removed: after PurgePrivateData
    /// the value must be gone from the peer's disk and from DeliverWithPrivateData, not only from the private state.
    /// </summary>
    /// <returns>True when the store changed.</returns>
    public bool RemovePurgedPrivateWrites(IReadOnlyCollection<PurgedPrivateKey> purged)
    {
        if (purged.Count == 0)
        {
            return false;
        }

        lock (_gate)
        {
            // New maps rather than edits in place: readers (DeliverWithPrivateData) may hold the old ones.
            var replaced = new Dictionary<ulong, Dictionary<ulong, TxPvtReadWriteSet>>();
            foreach (var (blockNumber, transactions) in _privateData)
            {
                Dictionary<ulong, TxPvtReadWriteSet>? kept = null;
                foreach (var (txNumber, set) in transactions)
                {
                    var remaining = PurgedPrivateKey.Without(set, purged.Where(p => p.Follows(blockNumber, txNumber)).ToList());
                    if (ReferenceEquals(remaining, set))
                    {
                        continue;
                    }

                    kept ??= new Dictionary<ulong, TxPvtReadWriteSet>(transactions);
                    if (remaining is null)
                    {
                        kept.Remove(txNumber);
                    }
                    else
                    {
                        kept[txNumber] = remaining;
                    }
                }

                if (kept is not null)
                {
                    replaced[blockNumber] = kept;
                }
            }

            if (replaced.Count == 0)
            {
                return false;
            }

            foreach (var (blockNumber, kept) in replaced)
            {
                if (kept.Count == 0)
                {
                    _privateData.Remove(blockNumber);
                }
                else
                {
                    _privateData[blockNumber] = kept;
                }
            }

            var records = _privateData.OrderBy(b => b.Key).Select(b =>
            {
                var record = new BlockAndPrivateData { Block = new Block { Header = _blocks[(int)b.Key].Header } };
                record.PrivateDataMap.Add(b.Value);
                return record.ToByteArray();
            });
            _privateFile.Dispose();
            _privateFile = RecordFile.Replace(_privatePath, records);
            return true;
        }
    }

    /// <summary>Completes when block <paramref name="number"/> exists.</summary>
    public async Task WaitForBlockAsync(ulong number, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (number < (ulong)_blocks.Count)
                {
                    return;
                }

                next = _appended.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void VerifyChain()
    {
        for (var i = 0; i < _blocks.Count; i++)
        {
            var header = _blocks[i].Header;
            if (header.Number != (ulong)i)
            {
                throw new InvalidDataException($"Block file holds block {header.Number} at position {i}.");
            }

            if (i > 0 && !header.PreviousHash.Span.SequenceEqual(BlockHashing.HeaderHash(_blocks[i - 1].Header)))
            {
                throw new InvalidDataException($"Block {i} does not chain to block {i - 1}: the block file is corrupt.");
            }
        }
    }

    public void Dispose()
    {
        _blockFile.Dispose();
        _privateFile.Dispose();
    }
}
