using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Fabric.Gateway.Client.Internal;

/// <summary>Log events of the client. Arguments, transient data and results are never logged.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Retrying {Operation} of transaction {TransactionId} after {StatusCode} (attempt {Attempt}, delay {Delay})")]
    public static partial void RetryingUnavailable(ILogger logger, string operation, string transactionId, StatusCode statusCode, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Transaction {TransactionId} hit MVCC_READ_CONFLICT; re-endorsing with a new transaction ID (attempt {Attempt})")]
    public static partial void RetryingMvccConflict(ILogger logger, string transactionId, int attempt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Operation} of transaction {TransactionId} failed with {StatusCode}")]
    public static partial void CallFailed(ILogger logger, string operation, string transactionId, StatusCode statusCode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Transaction {TransactionId} committed with {ValidationCode} in block {BlockNumber}")]
    public static partial void Committed(ILogger logger, string transactionId, Fabric.Protos.Peer.TxValidationCode validationCode, ulong blockNumber);
}
