using System.Collections.Concurrent;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.Chaincode.Benchmarks;

/// <summary>
/// A minimal peer for benchmarks: dials the chaincode server over loopback, completes the handshake and answers
/// GET_STATE with a fixed 100-byte value and PUT_STATE with an empty RESPONSE, as fast as it can.
/// </summary>
internal sealed class LoopbackPeer : IAsyncDisposable
{
    private static readonly ByteString Value = ByteString.CopyFrom(new byte[100]);

    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> _call;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ChaincodeMessage>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task _readLoop = Task.CompletedTask;

    private LoopbackPeer(GrpcChannel channel)
    {
        _channel = channel;
        _call = new Fabric.Protos.Peer.Chaincode.ChaincodeClient(channel).Connect();
    }

    public static async Task<LoopbackPeer> ConnectAsync(string address)
    {
        var peer = new LoopbackPeer(GrpcChannel.ForAddress(address));
        if (!await peer._call.ResponseStream.MoveNext(CancellationToken.None) || peer._call.ResponseStream.Current.Type != MessageType.Register)
        {
            throw new InvalidOperationException("The chaincode did not REGISTER.");
        }

        await peer._call.RequestStream.WriteAsync(new ChaincodeMessage { Type = MessageType.Registered });
        await peer._call.RequestStream.WriteAsync(new ChaincodeMessage { Type = MessageType.Ready });
        peer._readLoop = Task.Run(peer.ReadLoopAsync);
        return peer;
    }

    public async Task<ChaincodeMessage> InvokeAsync(string txId, ChaincodeInput input)
    {
        var completion = new TaskCompletionSource<ChaincodeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[txId] = completion;
        await SendAsync(new ChaincodeMessage { Type = MessageType.Transaction, Txid = txId, ChannelId = "bench", Payload = input.ToByteString() });
        var answer = await completion.Task;
        return answer.Type == MessageType.Completed ? answer : throw new InvalidOperationException(answer.Payload.ToStringUtf8());
    }

    private async Task SendAsync(ChaincodeMessage message)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _call.RequestStream.WriteAsync(message);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            await foreach (var message in _call.ResponseStream.ReadAllAsync())
            {
                switch (message.Type)
                {
                    case MessageType.GetState:
                        await SendAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = message.Txid, ChannelId = message.ChannelId, Payload = Value });
                        break;
                    case MessageType.PutState:
                        await SendAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = message.Txid, ChannelId = message.ChannelId });
                        break;
                    case MessageType.Completed:
                    case MessageType.Error:
                        if (_pending.TryRemove(message.Txid, out var completion))
                        {
                            completion.TrySetResult(message);
                        }

                        break;
                }
            }
        }
        catch (RpcException)
        {
            // The server stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _call.RequestStream.CompleteAsync();
        await _readLoop;
        _call.Dispose();
        _channel.Dispose();
        _sendLock.Dispose();
    }
}
