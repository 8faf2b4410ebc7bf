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

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Started process {ProcessId} for {Component}: {Command}")]
    public static partial void ProcessStarted(ILogger logger, int processId, string component, string command);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Process {ProcessId} for {Component} exited with {ExitCode}")]
    public static partial void ProcessExited(ILogger logger, int processId, string component, int exitCode);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Building {Component}: {CommandLine}")]
    public static partial void Building(ILogger logger, string component, string commandLine);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Built {Component} in {Seconds:F1} s")]
    public static partial void Built(ILogger logger, string component, double seconds);
}
