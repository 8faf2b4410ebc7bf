using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting;

internal static partial class DevNetworkLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Orderer {Address} serving channels {Channels}")]
    public static partial void OrdererStarted(ILogger logger, string address, string channels);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Peer {MspId} at {Address} joined channels {Channels}")]
    public static partial void PeerStarted(ILogger logger, string mspId, string address, string channels);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Peer {MspId} replayed {Height} blocks of channel {Channel}")]
    public static partial void Replayed(ILogger logger, string mspId, ulong height, string channel);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Committer of peer {MspId} on channel {Channel} stopped")]
    public static partial void CommitterFailed(ILogger logger, Exception exception, string mspId, string channel);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Started chaincode process {ProcessId} for {Chaincode} ({MspId}): {Command}")]
    public static partial void ChaincodeLaunched(ILogger logger, int processId, string chaincode, string mspId, string command);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Chaincode process {ProcessId} for {Chaincode} exited with {ExitCode}")]
    public static partial void ChaincodeExited(ILogger logger, int processId, string chaincode, int exitCode);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Building chaincode {Chaincode}: {CommandLine}")]
    public static partial void ChaincodeBuilding(ILogger logger, string chaincode, string commandLine);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Built chaincode {Chaincode} in {Seconds:F1} s")]
    public static partial void ChaincodeBuilt(ILogger logger, string chaincode, double seconds);
}
