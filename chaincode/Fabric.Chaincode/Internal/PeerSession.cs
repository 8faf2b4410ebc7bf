using System.Collections.Concurrent;
using System.Threading.Channels;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Fabric.Chaincode.Internal;

/// <summary>
/// The shim's side of one peer stream (protos.Chaincode/Connect): sends REGISTER, expects REGISTERED then READY,
/// echoes KEEPALIVE, then runs every TRANSACTION and INIT concurrently and routes the peer's RESPONSE and ERROR
/// messages to the transaction they belong to by (channel, tx ID). Every invocation ends with exactly one
/// COMPLETED or ERROR. A malformed or unexpected message is answered with ERROR and never ends the stream.
/// </summary>
internal sealed partial class PeerSession : IOutboundQueue, IDisposable
{
    private enum State
    {
        Created,
        Established,
        Ready,
    }

    private readonly IChaincode _chaincode;
    private readonly string _packageId;
    private readonly string _localMspId;
    private readonly string _peer;
    private readonly ILogger _logger;
    private readonly Channel<ChaincodeMessage> _outbound =
        Channel.CreateUnbounded<ChaincodeMessage>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly ConcurrentDictionary<TransactionKey, TransactionContext> _transactions = new();
    private readonly CancellationTokenSource _transactionsAborted = new();
    private int _inFlight;
    private TaskCompletionSource? _drained;
    private volatile bool _shuttingDown;
    private State _state = State.Created;

    public PeerSession(IChaincode chaincode, string packageId, string localMspId, string peer, ILogger logger)
    {
        _chaincode = chaincode;
        _packageId = packageId;
        _localMspId = localMspId;
        _peer = peer;
        _logger = logger;
    }

    public void Enqueue(ChaincodeMessage message) => _outbound.Writer.TryWrite(message);

    /// <summary>
    /// Serves the stream until the peer closes it, the stream fails, or <paramref name="shutdown"/> fires; on
    /// shutdown new invocations are refused and running ones may finish within <paramref name="shutdownTimeout"/>.
    /// </summary>
    public async Task RunAsync(
        IAsyncStreamReader<ChaincodeMessage> requests,
        IServerStreamWriter<ChaincodeMessage> responses,
        TimeSpan shutdownTimeout,
        CancellationToken streamAborted,
        CancellationToken shutdown)
    {
        var writer = WriteLoopAsync(responses);
        ChaincodeLog.PeerConnected(_logger, _peer, _packageId);
        Enqueue(new ChaincodeMessage
        {
            Type = ChaincodeMessage.Types.Type.Register,
            Payload = new ChaincodeID { Name = _packageId }.ToByteString(),
        });

        // On shutdown the stream keeps being read, because running transactions still need the peer's answers;
        // reading stops once they have finished or the shutdown timeout has passed.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(streamAborted);
        using var onShutdown = shutdown.Register(() => _ = DrainThenStopReadingAsync(stopReading, shutdownTimeout));
        try
        {
            while (await requests.MoveNext(stopReading.Token).ConfigureAwait(false))
            {
                Dispatch(requests.Current);
            }
        }
        catch (OperationCanceledException) when (!streamAborted.IsCancellationRequested)
        {
            // Graceful shutdown.
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or RpcException or InvalidOperationException)
        {
            ChaincodeLog.StreamFailed(_logger, _peer, ex);
        }
        finally
        {
            _shuttingDown = true;
            ChaincodeLog.StreamEnded(_logger, _peer, Volatile.Read(ref _inFlight));
            await _transactionsAborted.CancelAsync().ConfigureAwait(false);
            var gone = new IOException("The peer stream has ended.");
            foreach (var transaction in _transactions.Values)
            {
                transaction.Abort(gone);
            }

            _outbound.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }
    }

    public void Dispose() => _transactionsAborted.Dispose();

    private async Task DrainThenStopReadingAsync(CancellationTokenSource stopReading, TimeSpan timeout)
    {
        _shuttingDown = true;
        ChaincodeLog.ShuttingDown(_logger, Volatile.Read(ref _inFlight));
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);
        if (Volatile.Read(ref _inFlight) > 0)
        {
            await Task.WhenAny(drained.Task, Task.Delay(timeout)).ConfigureAwait(false);
        }

        try
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The stream ended on its own first.
        }
    }

    private async Task WriteLoopAsync(IServerStreamWriter<ChaincodeMessage> responses)
    {
        var reader = _outbound.Reader;
        var buffered = new WriteOptions(WriteFlags.BufferHint);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    // Let gRPC coalesce writes while more messages are queued; the last one flushes.
                    responses.WriteOptions = reader.TryPeek(out _) ? buffered : null;
                    await responses.WriteAsync(message).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or RpcException)
        {
            ChaincodeLog.StreamFailed(_logger, _peer, ex);
            _outbound.Writer.TryComplete();
        }
    }

    private void Dispatch(ChaincodeMessage message)
    {
        if (message.Type == ChaincodeMessage.Types.Type.Keepalive)
        {
            Enqueue(message);
            return;
        }

        switch (_state)
        {
            case State.Created when message.Type == ChaincodeMessage.Types.Type.Registered:
                _state = State.Established;
                ChaincodeLog.Registered(_logger, _peer);
                return;
            case State.Established when message.Type == ChaincodeMessage.Types.Type.Ready:
                _state = State.Ready;
                ChaincodeLog.Ready(_logger, _peer);
                return;
            case State.Ready:
                DispatchReady(message);
                return;
            default:
                RejectUnexpected(message);
                return;
        }
    }

    private void DispatchReady(ChaincodeMessage message)
    {
        switch (message.Type)
        {
            case ChaincodeMessage.Types.Type.Response:
            case ChaincodeMessage.Types.Type.Error:
                var key = new TransactionKey(message.ChannelId, message.Txid);
                if (!_transactions.TryGetValue(key, out var transaction) || !transaction.TryComplete(message))
                {
                    ChaincodeLog.UnmatchedResponse(_logger, message.ChannelId, message.Txid, message.Type);
                }

                return;
            case ChaincodeMessage.Types.Type.Transaction:
            case ChaincodeMessage.Types.Type.Init:
                StartInvocation(message);
                return;
            default:
                RejectUnexpected(message);
                return;
        }
    }

    private void RejectUnexpected(ChaincodeMessage message)
    {
        var state = _state.ToString().ToLowerInvariant();
        ChaincodeLog.UnexpectedMessage(_logger, _peer, MessageNames.Of(message.Type), state, message.Txid);
        Enqueue(ErrorMessage(
            message.ChannelId,
            message.Txid,
            $"[{ShortTxId(message.Txid)}] The chaincode cannot handle message {MessageNames.Of(message.Type)} while in state {state}."));
    }

    private void StartInvocation(ChaincodeMessage message)
    {
        var key = new TransactionKey(message.ChannelId, message.Txid);
        if (_shuttingDown)
        {
            Enqueue(ErrorMessage(key.ChannelId, key.TxId, "The chaincode is shutting down."));
            return;
        }

        var transaction = new TransactionContext(key, this);
        if (!_transactions.TryAdd(key, transaction))
        {
            ChaincodeLog.DuplicateTransaction(_logger, key.ChannelId, key.TxId);
            Enqueue(ErrorMessage(key.ChannelId, key.TxId, $"[{ShortTxId(key.TxId)}] The transaction is already running."));
            return;
        }

        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(() => RunInvocationAsync(message, transaction));
    }

    internal static ChaincodeMessage ErrorMessage(string channelId, string txId, string text) => new()
    {
        Type = ChaincodeMessage.Types.Type.Error,
        Payload = ByteString.CopyFromUtf8(text),
        Txid = txId,
        ChannelId = channelId,
    };

    internal static string ShortTxId(string txId) => txId.Length < 8 ? txId : txId[..8];
}
