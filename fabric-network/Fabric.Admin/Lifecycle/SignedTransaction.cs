using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Admin.Lifecycle;

/// <summary>An endorsement: which peer gave it and what it answered.</summary>
internal sealed record Endorsed(string Peer, ProposalResponse Response);

/// <summary>
/// Assembles the transaction envelope for the orderer from a proposal and its endorsements, as Fabric's
/// <c>protoutil.CreateSignedTx</c> does: every response successful and with identical payloads; one transaction
/// action whose header is the proposal's signature header and whose payload carries the proposal payload without
/// its transient map plus all endorsements; the payload header is the proposal's header; signed by the creator.
/// </summary>
internal static class SignedTransaction
{
    public static async Task<Envelope> CreateAsync(LifecycleProposal proposal, IReadOnlyList<Endorsed> endorsements, AdminSigner signer, CancellationToken cancellationToken)
    {
        if (endorsements.Count == 0)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "no peer was given to endorse the transaction");
        }

        var header = Header.Parser.ParseFrom(proposal.Proposal.Header);
        var creator = SignatureHeader.Parser.ParseFrom(header.SignatureHeader).Creator;
        if (creator != signer.Creator)
        {
            throw new InvalidOperationException("The transaction must be signed by the proposal's creator.");
        }

        var first = endorsements[0];
        foreach (var endorsed in endorsements)
        {
            var response = endorsed.Response.Response;
            if (response is null || response.Status < 200 || response.Status >= 400)
            {
                throw LifecycleErrors.Refused(endorsed.Peer, proposal.Function, response);
            }

            if (endorsed.Response.Endorsement is null)
            {
                throw new AdminException(AdminErrorKind.Rejected, $"{endorsed.Peer} answered {proposal.Function} without an endorsement");
            }

            if (endorsed.Response.Payload != first.Response.Payload)
            {
                throw new AdminException(AdminErrorKind.Rejected,
                    $"the endorsements of {first.Peer} and {endorsed.Peer} differ (their ledgers disagree, e.g. one has not yet seen a recent approval); retry");
            }
        }

        var proposalPayload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Proposal.Payload);
        var action = new ChaincodeEndorsedAction { ProposalResponsePayload = first.Response.Payload };
        action.Endorsements.AddRange(endorsements.Select(e => e.Response.Endorsement));
        var actionPayload = new ChaincodeActionPayload
        {
            // Transient data never goes to the orderer.
            ChaincodeProposalPayload = new ChaincodeProposalPayload { Input = proposalPayload.Input }.ToByteString(),
            Action = action,
        };
        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction { Header = header.SignatureHeader, Payload = actionPayload.ToByteString() });
        var payload = new Payload { Header = header, Data = transaction.ToByteString() }.ToByteString();
        return new Envelope { Payload = payload, Signature = await signer.SignAsync(payload, cancellationToken).ConfigureAwait(false) };
    }
}
