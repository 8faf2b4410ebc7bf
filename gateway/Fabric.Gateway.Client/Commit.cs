using Fabric.Gateway.Client.Internal;
using Fabric.Protos.Gateway;
using Google.Protobuf;

namespace Fabric.Gateway.Client;

/// <summary>
/// A submitted transaction whose commit can be awaited. The commit-status request is signed too; for offline
/// signing use <see cref="GetDigest"/> and <see cref="Gateway.NewSignedCommit"/>.
/// </summary>
public sealed class Commit
{
    private readonly GatewayRpc _rpc;
    private readonly SigningIdentity _signing;
    private readonly SignedCommitStatusRequest _request;

    internal Commit(GatewayRpc rpc, SigningIdentity signing, string transactionId, SignedCommitStatusRequest request)
    {
        _rpc = rpc;
        _signing = signing;
        TransactionId = transactionId;
        _request = request;
    }

    public string TransactionId { get; }

    /// <summary>The serialized <c>gateway.SignedCommitStatusRequest</c>.</summary>
    public byte[] GetBytes() => _request.ToByteArray();

    /// <summary>The digest to sign: the gateway's hash of the serialized CommitStatusRequest.</summary>
    public byte[] GetDigest() => _signing.Digest(_request.Request.Span);

    /// <summary>Waits until the transaction is committed and returns its validation code (which may be invalid).</summary>
    /// <exception cref="CommitStatusException">The status could not be obtained; the transaction may still commit.</exception>
    public async Task<CommitStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        if (_request.Signature.IsEmpty)
        {
            _request.Signature = await _signing.SignAsync(_request.Request.Memory, cancellationToken).ConfigureAwait(false);
        }

        var response = await _rpc.CommitStatusAsync(_request, TransactionId, cancellationToken).ConfigureAwait(false);
        return new CommitStatus(TransactionId, response.Result, response.BlockNumber);
    }

    internal void SetSignature(ReadOnlySpan<byte> signature) => _request.Signature = ByteString.CopyFrom(signature);
}
