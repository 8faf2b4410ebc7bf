using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Crypto;
using Fabric.DevNetwork.Msp;
using Fabric.DevNetwork.Protocol;
using Fabric.DevNetwork.Storage;
using Fabric.Protos.Common;
using Fabric.Protos.Orderer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Orderer;

/// <summary>
/// One channel of the orderer: accepts transactions (checking the submitter's signature and channel membership),
/// cuts them into blocks by count, size or timeout (Fabric's BatchSize / BatchTimeout, as its solo orderer did), chains
/// and signs the blocks and appends them to its block store.
/// </summary>
internal sealed class OrdererChannel : IDisposable
{
    /// <summary>Fabric's default BatchSize.AbsoluteMaxBytes.</summary>
    private const int AbsoluteMaxBytes = 10 * 1024 * 1024;

    private readonly object _gate = new();
    private readonly List<ByteString> _pending = [];
    private readonly OrdererDefinition _settings;
    private readonly SigningIdentity _signer;
    private readonly TimeProvider _timeProvider;
    private int _pendingBytes;
    private ITimer? _batchTimer;
    private long _batchGeneration;

    public OrdererChannel(
        string channelId, OrdererDefinition settings, MspRegistry members, SigningIdentity signer, BlockStore store,
        Func<Block> genesis, TimeProvider timeProvider)
    {
        ChannelId = channelId;
        _settings = settings;
        Members = members;
        _signer = signer;
        Store = store;
        _timeProvider = timeProvider;
        if (store.Height == 0)
        {
            store.Append(genesis());
        }
    }

    public string ChannelId { get; }

    /// <summary>The channel's application organizations (Writers) and the orderer organization.</summary>
    public MspRegistry Members { get; }

    public BlockStore Store { get; }

    public BroadcastResponse Broadcast(Envelope envelope)
    {
        var size = envelope.CalculateSize();
        if (size > AbsoluteMaxBytes)
        {
            return Response(Status.RequestEntityTooLarge, $"message payload is {size} bytes and exceeds maximum allowed {AbsoluteMaxBytes} bytes");
        }

        ParsedEnvelope parsed;
        try
        {
            parsed = ParsedEnvelope.Parse(envelope);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            return Response(Status.BadRequest, $"bad envelope: {e.Message}");
        }

        if (parsed.Type is HeaderType.Config or HeaderType.ConfigUpdate or HeaderType.OrdererTransaction)
        {
            return Response(Status.BadRequest, "channel configuration updates are not supported by the dev network");
        }

        if (parsed.Type != HeaderType.EndorserTransaction)
        {
            return Response(Status.BadRequest, $"unsupported header type {parsed.ChannelHeader.Type}");
        }

        try
        {
            Members.VerifySignature(parsed.SignatureHeader.Creator, envelope.Payload.Span, envelope.Signature);
        }
        catch (MspValidationException)
        {
            return Response(Status.Forbidden,
                "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied");
        }

        Enqueue(envelope.ToByteString());
        return Response(Status.Success, "");
    }

    private void Enqueue(ByteString envelope)
    {
        lock (_gate)
        {
            if (_pendingBytes + envelope.Length > _settings.PreferredMaxBytes && _pending.Count > 0)
            {
                CutLocked();
            }

            _pending.Add(envelope);
            _pendingBytes += envelope.Length;
            if (_pending.Count >= _settings.MaxMessageCount || _pendingBytes >= _settings.PreferredMaxBytes)
            {
                CutLocked();
            }
            else if (_pending.Count == 1)
            {
                var generation = _batchGeneration;
                _batchTimer?.Dispose();
                _batchTimer = _timeProvider.CreateTimer(
                    _ => OnBatchTimeout(generation), null, TimeSpan.FromMilliseconds(_settings.BatchTimeoutMilliseconds), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnBatchTimeout(long generation)
    {
        lock (_gate)
        {
            if (generation == _batchGeneration && _pending.Count > 0)
            {
                CutLocked();
            }
        }
    }

    private void CutLocked()
    {
        _batchGeneration++;
        _batchTimer?.Dispose();
        _batchTimer = null;
        var data = new BlockData();
        data.Data.AddRange(_pending);
        _pending.Clear();
        _pendingBytes = 0;

        var previous = Store.LastBlock!;
        var block = new Block
        {
            Header = new BlockHeader
            {
                Number = previous.Header.Number + 1,
                PreviousHash = ByteString.CopyFrom(BlockHashing.HeaderHash(previous.Header)),
                DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)),
            },
            Data = data,
            Metadata = new BlockMetadata(),
        };
        BlockSigning.AddMetadata(block, _signer);
        Store.Append(block);
    }

    private static BroadcastResponse Response(Status status, string info) => new() { Status = status, Info = info };

    public void Dispose()
    {
        lock (_gate)
        {
            _batchTimer?.Dispose();
        }
    }
}
