using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Chaincode.Internal;

/// <summary>
/// The peer-facing side of one running invocation: sends its requests (GET_STATE, PUT_STATE, ...) on the stream
/// and receives the peer's RESPONSE or ERROR. The peer answers with the same channel and tx ID, so a transaction
/// can only have one request outstanding: calls are serialized here, which also makes concurrent use of one
/// stub safe.
/// </summary>
internal sealed class TransactionContext : IDisposable
{
    private readonly IOutboundQueue _outbound;
    private readonly SemaphoreSlim _callLock = new(1, 1);
    private TaskCompletionSource<ChaincodeMessage>? _pendingCall;
    private bool _finished;

    public TransactionContext(TransactionKey key, IOutboundQueue outbound)
    {
        Key = key;
        _outbound = outbound;
    }

    public TransactionKey Key { get; }

    /// <summary>Sends one request and returns the RESPONSE payload; an ERROR from the peer becomes a 500 <see cref="ChaincodeException"/>.</summary>
    public async Task<ByteString> CallAsync(ChaincodeMessage.Types.Type type, IMessage payload, CancellationToken cancellationToken)
    {
        var answer = await ExchangeAsync(type, payload, cancellationToken).ConfigureAwait(false);
        return answer.Type switch
        {
            ChaincodeMessage.Types.Type.Response => answer.Payload,
            ChaincodeMessage.Types.Type.Error => throw new ChaincodeException(answer.Payload.ToStringUtf8()),
            _ => throw new ChaincodeException($"Incorrect chaincode message {MessageNames.Of(answer.Type)} received for {MessageNames.Of(type)}: expected RESPONSE or ERROR."),
        };
    }

    /// <summary>Sends one request and returns whatever the peer answered.</summary>
    public async Task<ChaincodeMessage> ExchangeAsync(ChaincodeMessage.Types.Type type, IMessage payload, CancellationToken cancellationToken)
    {
        await _callLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_finished, this);
            var call = new TaskCompletionSource<ChaincodeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _pendingCall, call);
            _outbound.Enqueue(new ChaincodeMessage
            {
                Type = type,
                Payload = payload.ToByteString(),
                Txid = Key.TxId,
                ChannelId = Key.ChannelId,
            });
            using (cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource<ChaincodeMessage>)state!).TrySetCanceled(token), call))
            {
                return await call.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _pendingCall, null);
            _callLock.Release();
        }
    }

    /// <summary>Delivers the peer's answer; false when no request of this transaction is waiting.</summary>
    public bool TryComplete(ChaincodeMessage answer)
    {
        var call = Interlocked.Exchange(ref _pendingCall, null);
        return call is not null && call.TrySetResult(answer);
    }

    /// <summary>Fails a waiting request because the stream is gone.</summary>
    public void Abort(Exception reason) => Interlocked.Exchange(ref _pendingCall, null)?.TrySetException(reason);

    public void Dispose()
    {
        _finished = true;
        _callLock.Dispose();
    }
}

/// <summary>Where messages for the peer are queued; one writer loop drains it onto the gRPC stream.</summary>
internal interface IOutboundQueue
{
    void Enqueue(ChaincodeMessage message);
}
