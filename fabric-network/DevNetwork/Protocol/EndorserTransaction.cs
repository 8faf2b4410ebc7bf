using Fabric.Protos.Common;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Protocol;

/// <summary>An ENDORSER_TRANSACTION envelope of a block, decoded down to its read-write set and chaincode event.</summary>
internal sealed record EndorserTransaction(
    ParsedEnvelope Envelope,
    string ChaincodeName,
    ByteString ProposalResponsePayload,
    IReadOnlyList<Endorsement> Endorsements,
    ChaincodeAction Action,
    TxReadWriteSet ReadWriteSet,
    ChaincodeEvent? Event)
{
    public string TxId => Envelope.ChannelHeader.TxId;

    /// <summary>Decodes the transaction; null with a validation code when it is malformed.</summary>
    public static (EndorserTransaction? Transaction, TxValidationCode Code) TryParse(ParsedEnvelope envelope)
    {
        try
        {
            var transaction = Transaction.Parser.ParseFrom(envelope.Payload.Data);
            if (transaction.Actions.Count == 0)
            {
                return (null, TxValidationCode.NilTxaction);
            }

            if (transaction.Actions.Count != 1)
            {
                return (null, TxValidationCode.BadPayload);
            }

            var actionPayload = ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload);
            if (actionPayload.Action is null)
            {
                return (null, TxValidationCode.NilTxaction);
            }

            var responsePayload = Fabric.Protos.Peer.ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action.ProposalResponsePayload);
            var action = ChaincodeAction.Parser.ParseFrom(responsePayload.Extension);
            var readWriteSet = TxReadWriteSet.Parser.ParseFrom(action.Results);
            var chaincodeEvent = action.Events.IsEmpty ? null : ChaincodeEvent.Parser.ParseFrom(action.Events);
            var extension = ChaincodeHeaderExtension.Parser.ParseFrom(envelope.ChannelHeader.Extension);
            var name = extension.ChaincodeId?.Name is { Length: > 0 } invoked ? invoked : action.ChaincodeId?.Name ?? "";
            return (new EndorserTransaction(envelope, name, actionPayload.Action.ProposalResponsePayload,
                actionPayload.Action.Endorsements, action, readWriteSet, chaincodeEvent), TxValidationCode.Valid);
        }
        catch (InvalidProtocolBufferException)
        {
            return (null, TxValidationCode.BadPayload);
        }
    }
}
