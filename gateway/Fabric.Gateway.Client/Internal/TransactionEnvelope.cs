using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Gateway.Client.Internal;

/// <summary>Reads the channel and the chaincode's result out of the prepared transaction envelope that Endorse returns.</summary>
internal static class TransactionEnvelope
{
    public static (string ChannelName, byte[] Result) Parse(Envelope envelope)
    {
        try
        {
            var payload = Payload.Parser.ParseFrom(envelope.Payload);
            var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header?.ChannelHeader ?? ByteString.Empty);
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
                    return (channelHeader.ChannelId, chaincodeAction.Response.Payload.ToByteArray());
                }
            }

            throw new InvalidDataException("The prepared transaction holds no chaincode response.");
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException("The prepared transaction envelope could not be decoded.", e);
        }
    }
}
