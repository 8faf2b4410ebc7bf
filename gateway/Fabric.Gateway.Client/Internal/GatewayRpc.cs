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

    public Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, CancellationToken cancellationToken) =>
        CallAsync(
            "Evaluate", request.TransactionId, _options.EvaluateTimeout, retry: true,
            token => _gateway.EvaluateAsync(request, cancellationToken: token).ResponseAsync,
            e => new GatewayException(
                $"Evaluate of transaction {request.TransactionId} failed: {ErrorMapping.Describe(e)}", e.StatusCode, ErrorMapping.Details(e), e),
            cancellationToken);

    // Never retried: the gateway may already have run the chaincode; a new attempt needs a new proposal.
    public Task<EndorseResponse> EndorseAsync(EndorseRequest request, CancellationToken cancellationToken) =>
        CallAsync(
            "Endorse", request.TransactionId, _options.EndorseTimeout, retry: false,
            token => _gateway.EndorseAsync(request, cancellationToken: token).ResponseAsync,
            e => new EndorseException(
                $"Endorse of transaction {request.TransactionId} failed: {ErrorMapping.Describe(e)}",
                request.TransactionId, e.StatusCode, ErrorMapping.Details(e), e),
            cancellationToken);

    // Re-sending the same signed envelope is safe: the ledger accepts one transaction per ID at most.
    public Task<SubmitResponse> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken) =>
        CallAsync(
            "Submit", request.TransactionId, _options.SubmitTimeout, retry: true,
            token => _gateway.SubmitAsync(request, cancellationToken: token).ResponseAsync,
            e => new SubmitException(
                $"Submit of transaction {request.TransactionId} failed: {ErrorMapping.Describe(e)}",
                request.TransactionId, e.StatusCode, ErrorMapping.Details(e), e),
            cancellationToken);

    public Task<CommitStatusResponse> CommitStatusAsync(SignedCommitStatusRequest request, string transactionId, CancellationToken cancellationToken) =>
        CallAsync(
            "CommitStatus", transactionId, _options.CommitStatusTimeout, retry: true,
            token => _gateway.CommitStatusAsync(request, cancellationToken: token).ResponseAsync,
            e => new CommitStatusException(
                $"Commit status of transaction {transactionId} could not be obtained: {ErrorMapping.Describe(e)}",
                transactionId, e.StatusCode, ErrorMapping.Details(e), e),
            cancellationToken);

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

    /// <summary>
    /// Runs one unary call (with retries when safe) under the operation's timeout. The timeout is measured with the
    /// gateway's <see cref="TimeProvider"/> and spans all attempts; when it fires the call is cancelled and reported as
    /// DEADLINE_EXCEEDED. The caller's own cancellation surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task<T> CallAsync<T>(
        string operation,
        string transactionId,
        TimeSpan timeout,
        bool retry,
        Func<CancellationToken, Task<T>> call,
        Func<RpcException, Exception> toException,
        CancellationToken cancellationToken)
    {
        using var timeoutSource = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout, _time);
        using var linked = timeoutSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var token = linked?.Token ?? cancellationToken;
        try
        {
            return retry
                ? await WithUnavailableRetryAsync(operation, transactionId, call, token).ConfigureAwait(false)
                : await call(token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException
                                  && !cancellationToken.IsCancellationRequested && timeoutSource?.IsCancellationRequested == true)
        {
            var expired = new RpcException(new Grpc.Core.Status(StatusCode.DeadlineExceeded, $"{operation} timed out after {timeout}"));
            GatewayLog.CallFailed(_logger, operation, transactionId, expired.StatusCode);
            throw toException(expired);
        }
        catch (RpcException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{operation} was cancelled.", e, cancellationToken);
        }
        catch (RpcException e)
        {
            GatewayLog.CallFailed(_logger, operation, transactionId, e.StatusCode);
            throw toException(e);
        }
    }

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
