using Fabric.Gateway.Client.Internal;
using Fabric.Protos.Gateway;
using Google.Protobuf;

namespace Fabric.Gateway.Client;

/// <summary>
/// A transaction proposal, ready to be evaluated or endorsed. It is signed with the gateway's signer when sent,
/// unless a signature was attached (<see cref="Gateway.NewSignedProposal"/>): for offline signing, send
/// <see cref="GetBytes"/> or <see cref="GetDigest"/> to the signer and rebuild the proposal with the signature.
/// </summary>
public sealed class Proposal
{
    private readonly GatewayRpc _rpc;
    private readonly SigningIdentity _signing;
    private readonly string _channelName;
    private readonly ProposedTransaction _proposed;

    internal Proposal(GatewayRpc rpc, SigningIdentity signing, string channelName, ProposedTransaction proposed)
    {
        _rpc = rpc;
        _signing = signing;
        _channelName = channelName;
        _proposed = proposed;
    }

    /// <summary>The transaction ID: lowercase hex of SHA-256(nonce || creator).</summary>
    public string TransactionId => _proposed.TransactionId;

    /// <summary>The serialized <c>gateway.ProposedTransaction</c>, to hand to an offline signer and back to <see cref="Gateway.NewSignedProposal"/>.</summary>
    public byte[] GetBytes() => _proposed.ToByteArray();

    /// <summary>The digest to sign: the gateway's hash of the serialized <c>protos.Proposal</c>.</summary>
    public byte[] GetDigest() => _signing.Digest(_proposed.Proposal.ProposalBytes.Span);

    /// <summary>Runs the transaction on a peer without ordering it and returns the chaincode's result.</summary>
    /// <exception cref="GatewayException">The gateway or the chaincode failed; see <see cref="GatewayException.Details"/>.</exception>
    public async Task<byte[]> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await SignIfUnsignedAsync(cancellationToken).ConfigureAwait(false);
        var request = new EvaluateRequest
        {
            TransactionId = _proposed.TransactionId,
            ChannelId = _channelName,
            ProposedTransaction = _proposed.Proposal,
        };
        request.TargetOrganizations.Add(_proposed.EndorsingOrganizations);
        var response = await _rpc.EvaluateAsync(request, cancellationToken).ConfigureAwait(false);
        return response.Result?.Payload.ToByteArray() ?? [];
    }

    /// <summary>Collects the endorsements the policy needs and returns the transaction to submit.</summary>
    /// <exception cref="EndorseException">Endorsement failed; <see cref="GatewayException.Details"/> names each endorser.</exception>
    public async Task<Transaction> EndorseAsync(CancellationToken cancellationToken = default)
    {
        await SignIfUnsignedAsync(cancellationToken).ConfigureAwait(false);
        var request = new EndorseRequest
        {
            TransactionId = _proposed.TransactionId,
            ChannelId = _channelName,
            ProposedTransaction = _proposed.Proposal,
        };
        request.EndorsingOrganizations.Add(_proposed.EndorsingOrganizations);
        var response = await _rpc.EndorseAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.PreparedTransaction is null)
        {
            throw new EndorseException(
                $"The gateway returned no prepared transaction for {TransactionId}.", TransactionId, null, [], null);
        }

        return new Transaction(_rpc, _signing, new PreparedTransaction
        {
            TransactionId = _proposed.TransactionId,
            Envelope = response.PreparedTransaction,
        });
    }

    internal void SetSignature(ReadOnlySpan<byte> signature) => _proposed.Proposal.Signature = ByteString.CopyFrom(signature);

    private async ValueTask SignIfUnsignedAsync(CancellationToken cancellationToken)
    {
        if (_proposed.Proposal.Signature.IsEmpty)
        {
            _proposed.Proposal.Signature = await _signing.SignAsync(_proposed.Proposal.ProposalBytes.Memory, cancellationToken).ConfigureAwait(false);
        }
    }
}
