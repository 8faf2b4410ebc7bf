using Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.Chaincode.Internal;

/// <summary>Log lines of the shim runtime, one per phase of a peer stream and of a transaction.</summary>
internal static partial class ChaincodeLog
{
    [LoggerMessage(1, LogLevel.Information, "Chaincode server listening on {Addresses} as package {PackageId} (TLS: {TlsMode})")]
    public static partial void ServerListening(ILogger logger, string addresses, string packageId, string tlsMode);

    [LoggerMessage(2, LogLevel.Information, "Peer {Peer} connected; sending REGISTER for {PackageId}")]
    public static partial void PeerConnected(ILogger logger, string peer, string packageId);

    [LoggerMessage(3, LogLevel.Information, "Peer {Peer}: REGISTERED")]
    public static partial void Registered(ILogger logger, string peer);

    [LoggerMessage(4, LogLevel.Information, "Peer {Peer}: READY; serving transactions")]
    public static partial void Ready(ILogger logger, string peer);

    [LoggerMessage(5, LogLevel.Information, "Peer {Peer} stream ended ({InFlight} transactions still running)")]
    public static partial void StreamEnded(ILogger logger, string peer, int inFlight);

    [LoggerMessage(6, LogLevel.Warning, "Peer {Peer}: unexpected {Type} in state {State} (tx {TxId}); answered with ERROR")]
    public static partial void UnexpectedMessage(ILogger logger, string peer, string type, string state, string txId);

    [LoggerMessage(7, LogLevel.Debug, "[{ChannelId}/{TxId}] {Type} started")]
    public static partial void TransactionStarted(ILogger logger, string channelId, string txId, ChaincodeMessage.Types.Type type);

    [LoggerMessage(8, LogLevel.Debug, "[{ChannelId}/{TxId}] completed with status {Status}")]
    public static partial void TransactionCompleted(ILogger logger, string channelId, string txId, int status);

    [LoggerMessage(9, LogLevel.Error, "[{ChannelId}/{TxId}] failed; answered with ERROR")]
    public static partial void TransactionFailed(ILogger logger, string channelId, string txId, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "[{ChannelId}/{TxId}] a {Type} arrived with no call waiting for it; ignored")]
    public static partial void UnmatchedResponse(ILogger logger, string channelId, string txId, ChaincodeMessage.Types.Type type);

    [LoggerMessage(11, LogLevel.Warning, "[{ChannelId}/{TxId}] the transaction is already running on this stream; answered with ERROR")]
    public static partial void DuplicateTransaction(ILogger logger, string channelId, string txId);

    [LoggerMessage(12, LogLevel.Information, "Shutting down: waiting for {InFlight} running transactions")]
    public static partial void ShuttingDown(ILogger logger, int inFlight);

    [LoggerMessage(13, LogLevel.Warning, "Peer {Peer} stream failed")]
    public static partial void StreamFailed(ILogger logger, string peer, Exception exception);

    [LoggerMessage(14, LogLevel.Warning, "Rejected a client certificate ({Subject}): {Reason}")]
    public static partial void ClientCertificateRejected(ILogger logger, string subject, string reason);

    [LoggerMessage(15, LogLevel.Information, "Chaincode server stopped")]
    public static partial void ServerStopped(ILogger logger);
}
