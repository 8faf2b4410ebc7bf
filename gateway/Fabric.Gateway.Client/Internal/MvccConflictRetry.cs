using Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Fabric.Gateway.Client.Internal;

/// <summary>
/// The opt-in policy that runs a whole submit again, from a new proposal with a new transaction ID, when the
/// committed transaction was invalidated by MVCC_READ_CONFLICT (another transaction changed what it read).
/// The same transaction ID can never be resubmitted after it is in a block, so the retry must re-endorse.
/// </summary>
internal static class MvccConflictRetry
{
    public static ResiliencePipeline Build(GatewayOptions options, TimeProvider time, ILogger logger)
    {
        if (options.MvccReadConflictRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<CommitException>(e => e.ValidationCode == TxValidationCode.MvccReadConflict),
                MaxRetryAttempts = options.MvccReadConflictRetryAttempts,
                Delay = options.UnavailableRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    var transactionId = (args.Outcome.Exception as CommitException)?.TransactionId ?? string.Empty;
                    GatewayLog.RetryingMvccConflict(logger, transactionId, args.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();
    }
}
