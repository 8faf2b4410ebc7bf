using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.Chaincode.Tests.Support;

/// <summary>
/// A peer played by the test: dials the chaincode server's protos.Chaincode/Connect, performs the handshake,
/// sends TRANSACTION and INIT messages, lets <see cref="FakeLedger"/> answer the chaincode's requests, and hands
/// back each transaction's COMPLETED or ERROR. Every wait has a timeout so a bug fails fast.
/// </summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> _call;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<(string, string), TaskCompletionSource<ChaincodeMessage>> _completions = new();
    private readonly Channel<ChaincodeMessage> _unsolicited = Channel.CreateUnbounded<ChaincodeMessage>();
    private readonly CancellationTokenSource _stop = new();
    private Task? _readLoop;

    private ScriptedPeer(AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> call, FakeLedger ledger)
    {
        _call = call;
        Ledger = ledger;
    }

    public FakeLedger Ledger { get; }

    public string RegisteredPackageId { get; private set; } = string.Empty;

    /// <summary>Completes when the chaincode ends the stream.</summary>
    public Task Completion => _readLoop ?? Task.CompletedTask;

    public static async Task<ScriptedPeer> ConnectAsync(GrpcChannel channel, FakeLedger? ledger = null, bool sendReady = true)
    {
        var client = new Fabric.Protos.Peer.Chaincode.ChaincodeClient(channel);
        var call = client.Connect(cancellationToken: CancellationToken.None);
        var peer = new ScriptedPeer(call, ledger ?? new FakeLedger());
        using var timeout = new CancellationTokenSource(Timeout);
        if (!await call.ResponseStream.MoveNext(timeout.Token))
        {
            throw new InvalidOperationException("The chaincode closed the stream before REGISTER.");
        }

        var register = call.ResponseStream.Current;
        if (register.Type != MessageType.Register)
        {
            throw new InvalidOperationException($"Expected REGISTER, got {register.Type}.");
        }

        peer.RegisteredPackageId = ChaincodeID.Parser.ParseFrom(register.Payload).Name;
        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Registered });
        if (sendReady)
        {
            await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Ready });
        }

        peer._readLoop = Task.Run(peer.ReadLoopAsync);
        return peer;
    }

    public async Task SendAsync(ChaincodeMessage message)
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

    public Task<ChaincodeMessage> InvokeAsync(string txId, params string[] args) =>
        InvokeAsync("mychannel", txId, args.Select(a => Encoding.UTF8.GetBytes(a)).ToArray(), proposal: null);

    public async Task<ChaincodeMessage> InvokeAsync(
        string channelId, string txId, IReadOnlyList<byte[]> args, SignedProposal? proposal, bool init = false)
    {
        var input = new ChaincodeInput { IsInit = init };
        input.Args.AddRange(args.Select(ByteString.CopyFrom));
        return await SendInvocationAsync(new ChaincodeMessage
        {
            Type = init ? MessageType.Init : MessageType.Transaction,
            Payload = input.ToByteString(),
            Txid = txId,
            ChannelId = channelId,
            Proposal = proposal,
        });
    }

    /// <summary>Sends any TRANSACTION/INIT message and waits for its COMPLETED or ERROR.</summary>
    public async Task<ChaincodeMessage> SendInvocationAsync(ChaincodeMessage message)
    {
        var completion = new TaskCompletionSource<ChaincodeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_completions.TryAdd((message.ChannelId, message.Txid), completion))
        {
            throw new InvalidOperationException("The test already waits for this transaction.");
        }

        await SendAsync(message);
        return await completion.Task.WaitAsync(Timeout);
    }

    /// <summary>The next message that was neither a transaction's answer nor a request for the ledger.</summary>
    public async Task<ChaincodeMessage> NextUnsolicitedAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _unsolicited.Reader.ReadAsync(timeout.Token);
    }

    public static ChaincodeResponseView Decode(ChaincodeMessage completed) =>
        completed.Type == MessageType.Completed
            ? new ChaincodeResponseView(Response.Parser.ParseFrom(completed.Payload))
            : throw new InvalidOperationException($"Expected COMPLETED, got {completed.Type}: {completed.Payload.ToStringUtf8()}");

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop.Token))
            {
                var message = _call.ResponseStream.Current;
                switch (message.Type)
                {
                    case MessageType.Completed:
                    case MessageType.Error when _completions.ContainsKey((message.ChannelId, message.Txid)):
                        if (_completions.TryRemove((message.ChannelId, message.Txid), out var completion))
                        {
                            completion.TrySetResult(message);
                        }
                        else
                        {
                            _unsolicited.Writer.TryWrite(message);
                        }

                        break;
                    case MessageType.Keepalive:
                    case MessageType.Error:
                        _unsolicited.Writer.TryWrite(message);
                        break;
                    default:
                        if (Ledger.Handle(message) is { } answer)
                        {
                            await SendAsync(answer);
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException)
        {
            // The stream ended; pending waits time out or were completed.
        }
        finally
        {
            _unsolicited.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // Already closed.
        }

        if (_readLoop is not null)
        {
            await Task.WhenAny(_readLoop, Task.Delay(Timeout));
        }

        await _stop.CancelAsync();
        _call.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}

/// <summary>A decoded protos.Response.</summary>
internal sealed record ChaincodeResponseView(int Status, string Message, string PayloadText, byte[] Payload)
{
    public ChaincodeResponseView(Response response)
        : this(response.Status, response.Message, response.Payload.ToStringUtf8(), response.Payload.ToByteArray())
    {
    }
}
