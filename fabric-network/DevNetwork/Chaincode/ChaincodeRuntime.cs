using System.Collections.Concurrent;
using System.Text;
using Fabric.DevNetwork.Chaincode.Internal;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.DevNetwork.Chaincode;

/// <summary>
/// A peer's chaincode runtime for chaincode-as-a-service: chaincodes are registered per channel with the endpoint from
/// the organization's connection.json; the first execution dials the endpoint and keeps the stream. Chaincodes that
/// share an address and package ID share one stream, as on Fabric where a package is launched once per peer.
/// </summary>
internal sealed class ChaincodeRuntime : IChaincodeRuntime
{
    /// <summary>Fabric's key (in the chaincode's namespace) holding the version a chaincode was initialized for.</summary>
    internal const string InitializedKey = "\u0000\U0010FFFFinitialized";

    private readonly ChaincodeRuntimeOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly ShimRequestHandler requestHandler;
    private readonly ConcurrentDictionary<(string ChannelId, string ChaincodeName), Registration> registrations = new();
    private readonly ConcurrentDictionary<(string Address, string PackageId), ChaincodeConnection> connections = new();
    private readonly Func<string, ChannelLedger?> channelLedgers;

    /// <param name="channelLedgers">This peer's ledger of a channel by ID, or null when it has not joined it: what a
    /// chaincode-to-chaincode call to another channel reads. Without it such calls fail as on a peer without that channel.</param>
    public ChaincodeRuntime(ChaincodeRuntimeOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null,
        Func<string, ChannelLedger?>? channelLedgers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.channelLedgers = channelLedgers ?? (_ => null);
        this.timeProvider = timeProvider ?? TimeProvider.System;
        logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ChaincodeRuntime>();
        requestHandler = new ShimRequestHandler(options, InvokeAsync, logger);
    }

    /// <summary>
    /// Defines (or redefines) a chaincode on a channel for this peer.
    /// </summary>
    /// <param name="initRequired">The definition was approved with --init-required: the first invocation must be an init.</param>
    /// <param name="version">The definition's version; an init marks the chaincode initialized for this version.</param>
    public void Register(string channelId, ChaincodeEndpoint endpoint, bool initRequired = false, string version = "1.0")
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(endpoint.ChaincodeName);
        ArgumentException.ThrowIfNullOrEmpty(endpoint.PackageId);
        ArgumentException.ThrowIfNullOrEmpty(endpoint.Address);
        registrations[(channelId, endpoint.ChaincodeName)] = new Registration(endpoint, initRequired, version);
    }

    public async Task<ChaincodeExecutionResult> ExecuteAsync(ChaincodeInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var scope = new InvocationScope(invocation, new TransactionSimulator(invocation.State.GetSnapshot(), invocation.TxId));
        Response response;
        ChaincodeEvent? chaincodeEvent = null;
        try
        {
            var input = invocation.Input.Clone();
            input.IsInit = invocation.IsInit || input.IsInit;
            var message = await InvokeAsync(scope, invocation.ChannelId, invocation.ChaincodeName, input, cancellationToken).ConfigureAwait(false);
            if (message.Type == MessageType.Completed)
            {
                response = Response.Parser.ParseFrom(message.Payload);
                chaincodeEvent = message.ChaincodeEvent;
                if (chaincodeEvent is not null)
                {
                    chaincodeEvent.ChaincodeId = invocation.ChaincodeName;
                    chaincodeEvent.TxId = invocation.TxId;
                }
            }
            else
            {
                response = new Response { Status = 500, Message = "transaction returned with failure: " + message.Payload.ToStringUtf8() };
            }
        }
        catch (ChaincodeExecutionException exception)
        {
            response = new Response { Status = 500, Message = $"failed to execute transaction {invocation.TxId}: {exception.Message}" };
        }

        var (readWriteSet, privateWrites) = scope.Simulator.TakeResults();
        return new ChaincodeExecutionResult(response, readWriteSet, privateWrites, chaincodeEvent);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        connections.Clear();
    }

    /// <summary>Runs one chaincode in a scope (top level or called by another chaincode) and returns its COMPLETED or ERROR message.</summary>
    private async Task<ChaincodeMessage> InvokeAsync(InvocationScope scope, string channelId, string chaincodeName, ChaincodeInput input, CancellationToken cancellationToken)
    {
        if (channelId != scope.ChannelId)
        {
            return await InvokeOnOtherChannelAsync(scope, channelId, chaincodeName, input, cancellationToken).ConfigureAwait(false);
        }

        if (!registrations.TryGetValue((channelId, chaincodeName), out var registration))
        {
            throw new ChaincodeUnavailableException($"chaincode {chaincodeName} is not defined on channel {channelId}");
        }

        var type = CheckInvocation(scope, chaincodeName, registration, input);
        var connection = connections.GetOrAdd(
            (registration.Endpoint.Address, registration.Endpoint.PackageId),
            _ => new ChaincodeConnection(registration.Endpoint, options, requestHandler, timeProvider, logger));
        var context = new TransactionContext(chaincodeName, type == MessageType.Init, scope);
        var message = new ChaincodeMessage
        {
            Type = type,
            Payload = input.ToByteString(),
            Txid = scope.TxId,
            ChannelId = channelId,
            Proposal = scope.Invocation.SignedProposal,
        };
        var stream = await connection.StartAsync(context, message, cancellationToken).ConfigureAwait(false);
        try
        {
            return await context.Completion.Task.WaitAsync(options.ExecuteTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ChaincodeRuntimeLog.ExecutionTimedOut(logger, scope.TxId, chaincodeName, channelId, options.ExecuteTimeout);
            throw new ChaincodeExecutionException("error sending: " + ChaincodeExecutionException.ExecutionTimeout);
        }
        catch (ChaincodeExecutionException exception)
        {
            throw new ChaincodeExecutionException("error sending: " + exception.Message, exception);
        }
        finally
        {
            stream.Remove(context);
            context.CloseQueries();
        }
    }

    // As in Fabric, a call to another channel runs on its own simulator of that channel whose results are dropped:
    // it can read there, but its writes never reach a block.
    private async Task<ChaincodeMessage> InvokeOnOtherChannelAsync(InvocationScope scope, string channelId, string chaincodeName, ChaincodeInput input, CancellationToken cancellationToken)
    {
        var ledger = channelLedgers(channelId) ?? throw new ChaincodeExecutionException($"failed to find ledger for channel: {channelId}");
        var invocation = scope.Invocation with { ChannelId = channelId, State = ledger.State, Collections = ledger.Collections };
        var otherScope = new InvocationScope(invocation, new TransactionSimulator(ledger.State.GetSnapshot(), scope.TxId));
        return await InvokeAsync(otherScope, channelId, chaincodeName, input, cancellationToken).ConfigureAwait(false);
    }

    // Fabric's "init exactly once" for definitions with --init-required, tracked under a reserved key of the chaincode.
    private static MessageType CheckInvocation(InvocationScope scope, string chaincodeName, Registration registration, ChaincodeInput input)
    {
        if (!registration.InitRequired)
        {
            if (input.IsInit)
            {
                throw new ChaincodeExecutionException($"invalid invocation: chaincode '{chaincodeName}' does not require initialization but called as init");
            }

            return MessageType.Transaction;
        }

        var initializedFor = scope.Simulator.GetState(chaincodeName, InitializedKey);
        var needsInit = initializedFor is null || Encoding.UTF8.GetString(initializedFor) != registration.Version;
        if (input.IsInit)
        {
            if (!needsInit)
            {
                throw new ChaincodeExecutionException($"invalid invocation: chaincode '{chaincodeName}' is already initialized but called as init");
            }

            scope.Simulator.SetState(chaincodeName, InitializedKey, Encoding.UTF8.GetBytes(registration.Version));
            return MessageType.Init;
        }

        if (needsInit)
        {
            throw new ChaincodeExecutionException($"invalid invocation: chaincode '{chaincodeName}' has not been initialized for this version, must call as init first");
        }

        return MessageType.Transaction;
    }

    private sealed record Registration(ChaincodeEndpoint Endpoint, bool InitRequired, string Version);
}
