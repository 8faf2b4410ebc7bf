using System.Runtime.CompilerServices;
using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using GatewayService = Fabric.Protos.Gateway.Gateway;

namespace Fabric.Gateway.Client.Internal;

/// <summary>
/// The gRPC boundary: applies each call's deadline, retries only the calls that are safe to repeat, and turns
/// gRPC failures into the client's exception types with Fabric's per-endpoint details.
/// </summary>
internal sealed class GatewayRpc
{
    private static readonly ResiliencePropertyKey<string> OperationKey = new("fabric.operation");
    private static readonly ResiliencePropertyKey<string> TransactionIdKey = new("fabric.transactionId");

    private readonly GatewayService.GatewayClient _gateway;
    private readonly Deliver.DeliverClient _deliver;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _unavailableRetry;

    public GatewayRpc(CallInvoker callInvoker, GatewayOptions options, TimeProvider time, ILogger logger)
    {
        _gateway = new GatewayService.GatewayClient(callInvoker);
        _deliver = new Deliver.DeliverClient(callInvoker);
        _options = options;
        _time = time;
        _logger = logger;
        _unavailableRetry = BuildUnavailableRetry();
    }

    public async Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, CancellationToken cancellationToken)
    {
        var deadline = DeadlineAfter(_options.EvaluateTimeout);
        try
        {
            return await WithUnavailableRetryAsync(
                "Evaluate", request.TransactionId,
                token => _gateway.EvaluateAsync(request, deadline: deadline, cancellationToken: token).ResponseAsync,
                cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!IsCallerCancellation(e, cancellationToken))
        {
            GatewayLog.CallFailed(_logger, "Evaluate", request.TransactionId, e.StatusCode);
            throw new GatewayException(
                $"Evaluate of transaction {request.TransactionId} failed: {ErrorMapping.Describe(e)}", e.StatusCode, ErrorMapping.Details(e), e);
        }
        catch (RpcException e)
        {
            throw new OperationCanceledException("Evaluate was cancelled.", e, cancellationToken);
        }
    }

    public async Task<EndorseResponse> EndorseAsync(EndorseRequest request, CancellationToken cancellationToken)
    {
        // Never retried: the gateway may already have run the chaincode; a new attempt needs a new proposal.
        var deadline = DeadlineAfter(_options.EndorseTimeout);
        try
        {
            return await _gateway.EndorseAsync(request, deadline: deadline, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e) when (!IsCallerCancellation(e, cancellationToken))
        {
            GatewayLog.CallFailed(_logger, "Endorse", request.TransactionId, e.StatusCode);
            throw new EndorseException(
                $"Endorse of transaction {request.TransactionId} failed: {ErrorMapping.Describe(e)}",
                request.TransactionId, e.StatusCode, ErrorMapping.Details(e), e);
        }
        catch (RpcException e)
        {
            throw new OperationCanceledException("Endorse was cancelled.", e, cancellationToken);
        }
    }

    public async Task SubmitAsync(SubmitRequest request, CancellationToken cancellationToken)
    {
        // Re-sending the same signed envelope is safe: the ledger accepts one transaction per ID at most.
        var deadline = DeadlineAfter(_options.SubmitTimeout);
        try
        {
            await WithUnavailableRetryAsync(
                "Submit", request.TransactionId,
                token => _gateway.SubmitAsync(request, deadline: deadline, cancellationToken: token).ResponseAsync,
                cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!IsCallerCancellation(e, cancellationToken))
        {
            GatewayLog.CallFailed(_logger, "Submit", request.TransactionId, e.StatusCode);
            throw new SubmitException(
                $"Submit of transaction {request.TransactionId} failed: {ErrorMapping.Describe(e)}",
                request.TransactionId, e.StatusCode, ErrorMapping.Details(e), e);
        }
        catch (RpcException e)
        {
            throw new OperationCanceledException("Submit was cancelled.", e, cancellationToken);
        }
    }

    public async Task<CommitStatusResponse> CommitStatusAsync(
        SignedCommitStatusRequest request, string transactionId, CancellationToken cancellationToken)
    {
        var deadline = DeadlineAfter(_options.CommitStatusTimeout);
        try
        {
            return await WithUnavailableRetryAsync(
                "CommitStatus", transactionId,
                token => _gateway.CommitStatusAsync(request, deadline: deadline, cancellationToken: token).ResponseAsync,
                cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!IsCallerCancellation(e, cancellationToken))
        {
            GatewayLog.CallFailed(_logger, "CommitStatus", transactionId, e.StatusCode);
            throw new CommitStatusException(
                $"Commit status of transaction {transactionId} could not be obtained: {ErrorMapping.Describe(e)}",
                transactionId, e.StatusCode, ErrorMapping.Details(e), e);
        }
        catch (RpcException e)
        {
            throw new OperationCanceledException("Commit status was cancelled.", e, cancellationToken);
        }
    }

    public async IAsyncEnumerable<ChaincodeEventsResponse> ChaincodeEventsAsync(
        SignedChaincodeEventsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _gateway.ChaincodeEvents(request, cancellationToken: cancellationToken);
        var responses = call.ResponseStream;
        while (true)
        {
            ChaincodeEventsResponse response;
            try
            {
                if (!await responses.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                response = responses.Current;
            }
            catch (RpcException e) when (!IsCallerCancellation(e, cancellationToken))
            {
                throw new GatewayException($"Chaincode events failed: {ErrorMapping.Describe(e)}", e.StatusCode, ErrorMapping.Details(e), e);
            }
            catch (RpcException e)
            {
                throw new OperationCanceledException("Chaincode events were cancelled.", e, cancellationToken);
            }

            yield return response;
        }
    }

    public async IAsyncEnumerable<DeliverResponse> DeliverAsync(
        DeliverKind kind, Envelope request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = kind switch
        {
            DeliverKind.Blocks => _deliver.Deliver(cancellationToken: cancellationToken),
            DeliverKind.FilteredBlocks => _deliver.DeliverFiltered(cancellationToken: cancellationToken),
            DeliverKind.BlocksAndPrivateData => _deliver.DeliverWithPrivateData(cancellationToken: cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var responses = call.ResponseStream;
        var sent = false;
        while (true)
        {
            DeliverResponse response;
            try
            {
                if (!sent)
                {
                    // The request stream stays open: a Fabric peer reads the next envelope only after serving this one.
                    await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
                    sent = true;
                }

                if (!await responses.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                response = responses.Current;
            }
            catch (RpcException e) when (!IsCallerCancellation(e, cancellationToken))
            {
                throw new GatewayException($"Block events failed: {ErrorMapping.Describe(e)}", e.StatusCode, ErrorMapping.Details(e), e);
            }
            catch (RpcException e)
            {
                throw new OperationCanceledException("Block events were cancelled.", e, cancellationToken);
            }

            yield return response;
        }
    }

    private static bool IsCallerCancellation(RpcException exception, CancellationToken cancellationToken) =>
        exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested;

    private DateTime? DeadlineAfter(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? null : _time.GetUtcNow().UtcDateTime + timeout;

    private async Task<T> WithUnavailableRetryAsync<T>(
        string operation, string transactionId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, operation);
        context.Properties.Set(TransactionIdKey, transactionId);
        try
        {
            return await _unavailableRetry.ExecuteAsync(
                static async (ctx, state) => await state(ctx.CancellationToken).ConfigureAwait(false),
                context, call).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResiliencePipeline BuildUnavailableRetry()
    {
        if (_options.UnavailableRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode == StatusCode.Unavailable),
                MaxRetryAttempts = _options.UnavailableRetryAttempts,
                Delay = _options.UnavailableRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    if (!_logger.IsEnabled(LogLevel.Debug))
                    {
                        return default;
                    }

                    var statusCode = (args.Outcome.Exception as RpcException)?.StatusCode ?? StatusCode.Unknown;
                    var operation = args.Context.Properties.GetValue(OperationKey, "call");
                    var transactionId = args.Context.Properties.GetValue(TransactionIdKey, string.Empty);
                    GatewayLog.RetryingUnavailable(_logger, operation, transactionId, statusCode, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }
}

/// <summary>Which of the three Deliver methods a block-events request calls.</summary>
internal enum DeliverKind
{
    Blocks,
    FilteredBlocks,
    BlocksAndPrivateData,
}
