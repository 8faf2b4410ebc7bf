using Fabric.Protos.Common;
using Fabric.Protos.Orderer;

namespace Fabric.DevNetwork.Orderer;

/// <summary>The orderer node: its channels by name.</summary>
internal sealed class OrderingService(IEnumerable<OrdererChannel> channels, string address) : IDisposable
{
    private readonly Dictionary<string, OrdererChannel> _channels = channels.ToDictionary(c => c.ChannelId, StringComparer.Ordinal);

    /// <summary>host:port clients use (reported in gateway error details).</summary>
    public string Address { get; } = address;

    public OrdererChannel? Find(string channelId) => _channels.GetValueOrDefault(channelId);

    public BroadcastResponse Broadcast(Envelope envelope)
    {
        string channelId;
        try
        {
            channelId = Protocol.ParsedEnvelope.Parse(envelope).ChannelHeader.ChannelId;
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or FormatException)
        {
            return new BroadcastResponse { Status = Status.BadRequest, Info = $"bad envelope: {e.Message}" };
        }

        return Find(channelId) is { } channel
            ? channel.Broadcast(envelope)
            : new BroadcastResponse { Status = Status.NotFound, Info = $"channel {channelId} does not exist" };
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
            channel.Store.Dispose();
        }
    }
}
