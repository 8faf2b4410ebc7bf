using Fabric.DevNetwork.Msp;
using Fabric.Protos.Common;
using Fabric.Protos.Orderer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Protocol;

/// <summary>
/// A Deliver request (an Envelope of type DELIVER_SEEK_INFO carrying an orderer.SeekInfo), checked and resolved to
/// block numbers, shared by the orderer's and the peers' Deliver services.
/// </summary>
internal sealed record DeliverRequest(string ChannelId, ulong Start, ulong Stop, SeekInfo.Types.SeekBehavior Behavior, MspIdentity Creator)
{
    /// <summary>Parses the envelope; the returned status is SUCCESS when the request may be served.</summary>
    public static (DeliverRequest? Request, Status Status) Parse(
        Envelope envelope, Func<string, MspRegistry?> channelMembers, Func<string, ulong> heightOf)
    {
        ParsedEnvelope parsed;
        SeekInfo seek;
        try
        {
            parsed = ParsedEnvelope.Parse(envelope);
            seek = SeekInfo.Parser.ParseFrom(parsed.Payload.Data);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            return (null, Status.BadRequest);
        }

        if (parsed.Type != HeaderType.DeliverSeekInfo || seek.Start is null || seek.Stop is null)
        {
            return (null, Status.BadRequest);
        }

        var members = channelMembers(parsed.ChannelHeader.ChannelId);
        if (members is null)
        {
            return (null, Status.NotFound);
        }

        MspIdentity creator;
        try
        {
            creator = members.VerifySignature(parsed.SignatureHeader.Creator, envelope.Payload.Span, envelope.Signature);
        }
        catch (MspValidationException)
        {
            return (null, Status.Forbidden);
        }

        var height = heightOf(parsed.ChannelHeader.ChannelId);
        var start = Resolve(seek.Start, height);
        var stop = Resolve(seek.Stop, height);
        if (start is null || stop is null || stop < start)
        {
            return (null, Status.BadRequest);
        }

        if (seek.Behavior == SeekInfo.Types.SeekBehavior.FailIfNotReady && start >= height)
        {
            return (null, Status.NotFound);
        }

        return (new DeliverRequest(parsed.ChannelHeader.ChannelId, start.Value, stop.Value, seek.Behavior, creator), Status.Success);
    }

    private static ulong? Resolve(SeekPosition position, ulong height) => position.TypeCase switch
    {
        SeekPosition.TypeOneofCase.Oldest => 0,
        SeekPosition.TypeOneofCase.Newest => height == 0 ? 0 : height - 1,
        SeekPosition.TypeOneofCase.Specified => position.Specified.Number,
        SeekPosition.TypeOneofCase.NextCommit => height,
        _ => null,
    };
}
