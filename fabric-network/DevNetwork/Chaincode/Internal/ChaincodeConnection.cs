using System.Collections.Concurrent;
using Fabric.Protos.Peer;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// The peer's side of one chaincode-as-a-service stream: dials the chaincode's address, accepts its REGISTER (the
/// package ID must be the expected one), answers REGISTERED then READY, and keeps the stream. Executions of several
/// transactions share the stream, told apart by (channel, txid). A broken stream fails the executions in flight and
/// is dialed again on the next use.
/// </summary>
internal sealed class ChaincodeConnection : IAsyncDisposable
{
    private readonly ChaincodeEndpoint endpoint;
    private readonly ChaincodeRuntimeOptions options;
    private readonly ShimRequestHandler requestHandler;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly SemaphoreSlim connectLock = new(1, 1);
    private readonly CancellationTokenSource lifetime = new();
    private readonly Lazy<GrpcChannel> channel;
    private ActiveStream? stream;

    public ChaincodeConnection(ChaincodeEndpoint endpoint, ChaincodeRuntimeOptions options, ShimRequestHandler requestHandler, TimeProvider timeProvider, ILogger logger)
    {
        this.endpoint = endpoint;
        this.options = options;
        this.requestHandler = requestHandler;
        this.timeProvider = timeProvider;
        this.logger = logger;
        channel = new Lazy<GrpcChannel>(() => ChaincodeChannelFactory.Create(endpoint));
    }

    public ChaincodeEndpoint Endpoint => endpoint;

    /// <summary>Starts an execution: registers its context and sends the TRANSACTION or INIT message.</summary>
    public async Task<ActiveStream> StartAsync(TransactionContext context, ChaincodeMessage message, CancellationToken cancellationToken)
    {
        var active = await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (!active.Contexts.TryAdd((context.ChannelId, context.TxId), context))
        {
            throw new ChaincodeExecutionException($"error sending: txid: {context.TxId}({context.ChannelId}) exists");
        }

        if (!active.IsOpen)
        {
            active.Remove(context);
            throw new ChaincodeExecutionException("error sending: " + ChaincodeExecutionException.StreamTerminated);
        }

        try
        {
            await active.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException or IOException or ObjectDisposedException)
        {
            active.Contexts.TryRemove((context.ChannelId, context.TxId), out _);
            throw new ChaincodeExecutionException("error sending: " + ChaincodeExecutionException.StreamTerminated, exception);
        }

        return active;
    }

    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync().ConfigureAwait(false);
        stream?.Dispose();
        if (channel.IsValueCreated)
        {
            channel.Value.Dispose();
        }

        connectLock.Dispose();
        lifetime.Dispose();
    }

    private async Task<ActiveStream> EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref stream);
        if (current is { IsOpen: true })
        {
            return current;
        }

        await connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (stream is { IsOpen: true })
            {
                return stream;
            }

            var connected = await ConnectWithRetryAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref stream, connected);
            _ = Task.Run(() => ReadLoopAsync(connected), CancellationToken.None);
            ChaincodeRuntimeLog.ChaincodeReady(logger, endpoint.PackageId, endpoint.Address);
            return connected;
        }
        finally
        {
            connectLock.Release();
        }
    }

    private async Task<ActiveStream> ConnectWithRetryAsync(CancellationToken cancellationToken)
    {
        using var dialTimeout = new CancellationTokenSource(endpoint.DialTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, dialTimeout.Token, lifetime.Token);
        Exception? lastError = null;
        while (true)
        {
            try
            {
                return await ConnectOnceAsync(linked.Token).ConfigureAwait(false);
            }
            catch (ChaincodeUnavailableException)
            {
                throw;
            }
            catch (Exception exception) when (exception is RpcException or OperationCanceledException or IOException or HttpRequestException)
            {
                lastError = exception;
                cancellationToken.ThrowIfCancellationRequested();
                if (linked.IsCancellationRequested)
                {
                    break;
                }

                ChaincodeRuntimeLog.ConnectFailed(logger, endpoint.PackageId, endpoint.Address, exception);
                try
                {
                    await Task.Delay(options.RedialDelay, timeProvider, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
                }
            }
        }

        throw new ChaincodeUnavailableException(
            $"could not connect to chaincode {endpoint.ChaincodeName} ({endpoint.PackageId}) at {endpoint.Address} within {endpoint.DialTimeout}", lastError);
    }

    private async Task<ActiveStream> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var client = new Protos.Peer.Chaincode.ChaincodeClient(channel.Value);
        var streamLifetime = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
        var call = client.Connect(cancellationToken: streamLifetime.Token);
        var active = new ActiveStream(call, streamLifetime);
        try
        {
            using (cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), streamLifetime))
            {
                if (!await call.ResponseStream.MoveNext(streamLifetime.Token).ConfigureAwait(false))
                {
                    throw new IOException("the chaincode closed the stream before registering");
                }
            }

            var first = call.ResponseStream.Current;
            if (first.Type != ChaincodeMessage.Types.Type.Register)
            {
                throw new ChaincodeUnavailableException($"chaincode at {endpoint.Address} sent {first.Type} instead of REGISTER");
            }

            var registeredAs = ChaincodeID.Parser.ParseFrom(first.Payload).Name;
            if (registeredAs != endpoint.PackageId)
            {
                throw new ChaincodeUnavailableException(
                    $"chaincode at {endpoint.Address} registered as '{registeredAs}' but the peer expects package '{endpoint.PackageId}'");
            }

            await active.SendAsync(new ChaincodeMessage { Type = ChaincodeMessage.Types.Type.Registered }, cancellationToken).ConfigureAwait(false);
            await active.SendAsync(new ChaincodeMessage { Type = ChaincodeMessage.Types.Type.Ready }, cancellationToken).ConfigureAwait(false);
            return active;
        }
        catch
        {
            active.Fail(new ChaincodeExecutionException(ChaincodeExecutionException.StreamTerminated));
            throw;
        }
    }

    private async Task ReadLoopAsync(ActiveStream active)
    {
        Exception? failure = null;
        try
        {
            while (await active.Call.ResponseStream.MoveNext(active.Lifetime.Token).ConfigureAwait(false))
            {
                var message = active.Call.ResponseStream.Current;
                if (!Dispatch(active, message))
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is RpcException or OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            failure = exception;
        }

        if (!lifetime.IsCancellationRequested)
        {
            ChaincodeRuntimeLog.StreamEnded(logger, endpoint.PackageId, endpoint.Address, failure);
        }

        active.Fail(new ChaincodeExecutionException(ChaincodeExecutionException.StreamTerminated, failure));
    }

    /// <summary>Handles one message from the chaincode; false ends the stream.</summary>
    private bool Dispatch(ActiveStream active, ChaincodeMessage message)
    {
        switch (message.Type)
        {
            case ChaincodeMessage.Types.Type.Keepalive:
                return true; // Fabric's peer ignores the chaincode's keepalives.
            case ChaincodeMessage.Types.Type.Completed:
            case ChaincodeMessage.Types.Type.Error:
                if (active.Contexts.TryGetValue((message.ChannelId, message.Txid), out var finished))
                {
                    finished.Completion.TrySetResult(message);
                    finished.CloseQueries();
                }
                else
                {
                    ChaincodeRuntimeLog.UnknownTransaction(logger, message.Type, message.Txid, message.ChannelId);
                }

                return true;
            case ChaincodeMessage.Types.Type.GetState:
            case ChaincodeMessage.Types.Type.PutState:
            case ChaincodeMessage.Types.Type.DelState:
            case ChaincodeMessage.Types.Type.InvokeChaincode:
            case ChaincodeMessage.Types.Type.GetStateByRange:
            case ChaincodeMessage.Types.Type.GetQueryResult:
            case ChaincodeMessage.Types.Type.QueryStateNext:
            case ChaincodeMessage.Types.Type.QueryStateClose:
            case ChaincodeMessage.Types.Type.GetHistoryForKey:
            case ChaincodeMessage.Types.Type.GetStateMetadata:
            case ChaincodeMessage.Types.Type.PutStateMetadata:
            case ChaincodeMessage.Types.Type.GetPrivateDataHash:
            case ChaincodeMessage.Types.Type.PurgePrivateData:
                // Served concurrently: a chaincode-to-chaincode call waits for another execution on this stream.
                var context = active.Contexts.GetValueOrDefault((message.ChannelId, message.Txid));
                _ = Task.Run(() => ServeAsync(active, context, message), CancellationToken.None);
                return true;
            default:
                ChaincodeRuntimeLog.UnexpectedMessage(logger, endpoint.PackageId, message.Type);
                return false;
        }
    }

    private async Task ServeAsync(ActiveStream active, TransactionContext? context, ChaincodeMessage request)
    {
        var response = await requestHandler.HandleAsync(context, request, active.Lifetime.Token).ConfigureAwait(false);
        try
        {
            await active.SendAsync(response, active.Lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RpcException or OperationCanceledException or InvalidOperationException or IOException or ObjectDisposedException)
        {
            // The stream is gone; the read loop fails the executions in flight.
        }
    }

    /// <summary>One open Connect stream and the executions in flight on it.</summary>
    internal sealed class ActiveStream(AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> call, CancellationTokenSource lifetime) : IDisposable
    {
        private readonly SemaphoreSlim sendLock = new(1, 1);
        private int failed;

        public AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> Call { get; } = call;

        public CancellationTokenSource Lifetime { get; } = lifetime;

        public ConcurrentDictionary<(string ChannelId, string TxId), TransactionContext> Contexts { get; } = new();

        public bool IsOpen => Volatile.Read(ref failed) == 0;

        public Task Terminated => terminated.Task;

        private readonly TaskCompletionSource terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task SendAsync(ChaincodeMessage message, CancellationToken cancellationToken)
        {
            await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Call.RequestStream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                sendLock.Release();
            }
        }

        public void Remove(TransactionContext context) => Contexts.TryRemove(new KeyValuePair<(string, string), TransactionContext>((context.ChannelId, context.TxId), context));

        public void Fail(Exception reason)
        {
            if (Interlocked.Exchange(ref failed, 1) != 0)
            {
                return;
            }

            foreach (var context in Contexts.Values)
            {
                context.Completion.TrySetException(reason);
                context.CloseQueries();
            }

            terminated.TrySetResult();
            Lifetime.Cancel();
            Call.Dispose();
        }

        public void Dispose()
        {
            Fail(new ChaincodeExecutionException(ChaincodeExecutionException.StreamTerminated));
            sendLock.Dispose();
        }
    }
}
