using Microsoft.Extensions.Logging;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>Log events of the chaincode runtime. Never logs keys, values or arguments: they may be private data.</summary>
internal static partial class ChaincodeRuntimeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Chaincode {PackageId} at {Address} registered and is ready")]
    public static partial void ChaincodeReady(ILogger logger, string packageId, string address);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not connect to chaincode {PackageId} at {Address}")]
    public static partial void ConnectFailed(ILogger logger, string packageId, string address, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Stream to chaincode {PackageId} at {Address} ended")]
    public static partial void StreamEnded(ILogger logger, string packageId, string address, Exception? exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Chaincode {PackageId} sent {MessageType} which a peer cannot handle in ready state; ending the stream")]
    public static partial void UnexpectedMessage(ILogger logger, string packageId, MessageType messageType);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "{MessageType} of transaction {TxId} on channel {ChannelId} failed")]
    public static partial void RequestFailed(ILogger logger, MessageType messageType, string txId, string channelId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Transaction {TxId} of chaincode {ChaincodeName} on channel {ChannelId} timed out after {Timeout}")]
    public static partial void ExecutionTimedOut(ILogger logger, string txId, string chaincodeName, string channelId, TimeSpan timeout);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Message {MessageType} for unknown transaction {TxId} on channel {ChannelId} ignored")]
    public static partial void UnknownTransaction(ILogger logger, MessageType messageType, string txId, string channelId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{MessageType} of transaction {TxId} on channel {ChannelId} failed unexpectedly")]
    public static partial void RequestCrashed(ILogger logger, MessageType messageType, string txId, string channelId, Exception exception);
}
