using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Gateway.Client.Internal;

/// <summary>Reads the channel and the chaincode's result out of the prepared transaction envelope that Endorse returns.</summary>
internal static class TransactionEnvelope
{
    /// <summary>The envelope's payload, decoded once for <see cref="ChannelOf"/> and <see cref="ResultOf"/>.</summary>
    public static Payload PayloadOf(Envelope envelope) => Decode(() => Payload.Parser.ParseFrom(envelope.Payload));

    /// <summary>The channel the payload is for (its channel header).</summary>
    public static string ChannelOf(Payload payload) => Decode(() =>
        ChannelHeader.Parser.ParseFrom(payload.Header?.ChannelHeader ?? ByteString.Empty).ChannelId);

    /// <summary>
    /// The chaincode's response payload, from the first action that carries one. Read on demand: it takes decoding the
    /// transaction down to the chaincode action, which a transaction rebuilt only to be sent again never needs.
    /// </summary>
    public static byte[] ResultOf(Payload payload) => Decode(() =>
    {
        var transaction = Fabric.Protos.Peer.Transaction.Parser.ParseFrom(payload.Data);
        foreach (var action in transaction.Actions)
        {
            var actionPayload = ChaincodeActionPayload.Parser.ParseFrom(action.Payload);
            if (actionPayload.Action is null)
            {
                continue;
            }

            var responsePayload = ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action.ProposalResponsePayload);
            var chaincodeAction = ChaincodeAction.Parser.ParseFrom(responsePayload.Extension);
            if (chaincodeAction.Response is not null)
            {
                return chaincodeAction.Response.Payload.ToByteArray();
            }
        }

        throw new InvalidDataException("The prepared transaction holds no chaincode response.");
    });

    private static T Decode<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException("The prepared transaction envelope could not be decoded.", e);
        }
    }
}
