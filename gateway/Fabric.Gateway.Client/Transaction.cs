using Fabric.Gateway.Client.Internal;
using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Google.Protobuf;

namespace Fabric.Gateway.Client;

/// <summary>
/// An endorsed transaction, ready to be signed and sent to the orderer. For offline signing, sign
/// <see cref="GetDigest"/> elsewhere and rebuild it with <see cref="Gateway.NewSignedTransaction"/>.
/// </summary>
public sealed class Transaction
{
    private readonly GatewayRpc _rpc;
    private readonly SigningIdentity _signing;
    private readonly PreparedTransaction _prepared;
    private readonly Payload _payload;
    private readonly string _channelName;
    private byte[]? _result;

    internal Transaction(GatewayRpc rpc, SigningIdentity signing, PreparedTransaction prepared)
    {
        _rpc = rpc;
        _signing = signing;
        _prepared = prepared;
        _payload = TransactionEnvelope.PayloadOf(prepared.Envelope);
        _channelName = TransactionEnvelope.ChannelOf(_payload);
    }

    public string TransactionId => _prepared.TransactionId;

    /// <summary>The chaincode's response payload from endorsement.</summary>
    /// <exception cref="InvalidDataException">The envelope holds no chaincode response.</exception>
    public ReadOnlyMemory<byte> Result => _result ??= TransactionEnvelope.ResultOf(_payload);

    /// <summary>The serialized <c>gateway.PreparedTransaction</c>.</summary>
    public byte[] GetBytes() => _prepared.ToByteArray();

    /// <summary>The digest to sign: the gateway's hash of the envelope payload (the envelope signature covers exactly that).</summary>
    public byte[] GetDigest() => _signing.Digest(_prepared.Envelope.Payload.Span);

    /// <summary>
    /// Sends the signed transaction to the orderer and returns as soon as it was accepted; the returned
    /// <see cref="Commit"/> waits for the commit. Retried on UNAVAILABLE with the same signed envelope.
    /// </summary>
    /// <exception cref="SubmitException">The orderer did not accept the transaction.</exception>
    public async Task<Commit> SubmitAsync(CancellationToken cancellationToken = default)
    {
        if (_prepared.Envelope.Signature.IsEmpty)
        {
            _prepared.Envelope.Signature = await _signing.SignAsync(_prepared.Envelope.Payload.Memory, cancellationToken).ConfigureAwait(false);
        }

        await _rpc.SubmitAsync(new SubmitRequest
        {
            TransactionId = _prepared.TransactionId,
            ChannelId = _channelName,
            PreparedTransaction = _prepared.Envelope,
        }, cancellationToken).ConfigureAwait(false);

        return new Commit(_rpc, _signing, TransactionId, CommitRequests.Create(_signing, _channelName, TransactionId));
    }

    internal void SetSignature(ReadOnlySpan<byte> signature) => _prepared.Envelope.Signature = ByteString.CopyFrom(signature);
}
