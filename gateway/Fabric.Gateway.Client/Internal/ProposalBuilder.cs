using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabric.Gateway.Client.Internal;

/// <summary>
/// Builds the unsigned <c>gateway.ProposedTransaction</c> for a chaincode invocation exactly as Fabric's endorsers
/// expect it: an ENDORSER_TRANSACTION channel header (channel, tx ID, timestamp, epoch 0, chaincode header extension)
/// and a ChaincodeProposalPayload whose input is the invocation spec and whose transient map carries the private
/// inputs (they stay in the proposal and never reach the ordered transaction).
/// </summary>
internal static class ProposalBuilder
{
    public static ProposedTransaction Build(
        SigningIdentity signing,
        TimeProvider time,
        string channelName,
        string chaincodeName,
        string transactionName,
        ProposalOptions? options)
    {
        var context = TransactionContext.Create(signing.Creator);
        var chaincodeId = new ChaincodeID { Name = chaincodeName };

        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelName,
            TxId = context.TransactionId,
            Timestamp = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            Epoch = 0,
            Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincodeId }.ToByteString(),
        };

        var header = new Header
        {
            ChannelHeader = channelHeader.ToByteString(),
            SignatureHeader = context.SignatureHeader.ToByteString(),
        };

        var input = new ChaincodeInput();
        input.Args.Add(ByteString.CopyFromUtf8(transactionName));
        var payload = new ChaincodeProposalPayload();
        if (options is not null)
        {
            foreach (var argument in options.Arguments)
            {
                input.Args.Add(ByteString.CopyFrom(argument));
            }

            foreach (var (key, value) in options.TransientData)
            {
                payload.TransientMap.Add(key, ByteString.CopyFrom(value));
            }
        }

        payload.Input = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { ChaincodeId = chaincodeId, Input = input },
        }.ToByteString();

        var proposal = new Fabric.Protos.Peer.Proposal
        {
            Header = header.ToByteString(),
            Payload = payload.ToByteString(),
        };

        var proposed = new ProposedTransaction
        {
            TransactionId = context.TransactionId,
            Proposal = new SignedProposal { ProposalBytes = proposal.ToByteString() },
        };
        if (options is not null)
        {
            proposed.EndorsingOrganizations.Add(options.EndorsingOrganizations);
        }

        return proposed;
    }

    /// <summary>The channel a proposal is addressed to, read back from its channel header (for offline signing).</summary>
    public static string ChannelOf(SignedProposal signedProposal)
    {
        var proposal = Fabric.Protos.Peer.Proposal.Parser.ParseFrom(signedProposal.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        return ChannelHeader.Parser.ParseFrom(header.ChannelHeader).ChannelId;
    }
}
