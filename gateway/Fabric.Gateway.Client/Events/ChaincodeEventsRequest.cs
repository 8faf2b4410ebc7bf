using System.Runtime.CompilerServices;
using Fabric.Gateway.Client.Internal;
using Fabric.Protos.Gateway;
using Google.Protobuf;

namespace Fabric.Gateway.Client;

/// <summary>
/// A signed request for the chaincode events of one chaincode. For offline signing, sign <see cref="GetDigest"/>
/// and rebuild it with <see cref="Gateway.NewSignedChaincodeEventsRequest"/>.
/// </summary>
public sealed class ChaincodeEventsRequest
{
    private readonly GatewayRpc _rpc;
    private readonly SigningIdentity _signing;
    private readonly SignedChaincodeEventsRequest _request;

    internal ChaincodeEventsRequest(GatewayRpc rpc, SigningIdentity signing, SignedChaincodeEventsRequest request)
    {
        _rpc = rpc;
        _signing = signing;
        _request = request;
    }

    /// <summary>The serialized <c>gateway.SignedChaincodeEventsRequest</c>.</summary>
    public byte[] GetBytes() => _request.ToByteArray();

    /// <summary>The digest to sign: the gateway's hash of the serialized ChaincodeEventsRequest.</summary>
    public byte[] GetDigest() => _signing.Digest(_request.Request.Span);

    /// <summary>
    /// Streams the events in commit order until <paramref name="cancellationToken"/> is cancelled or the
    /// enumeration is abandoned.
    /// </summary>
    /// <exception cref="GatewayException">The stream failed.</exception>
    public async IAsyncEnumerable<ChaincodeEvent> GetEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_request.Signature.IsEmpty)
        {
            _request.Signature = await _signing.SignAsync(_request.Request.Memory, cancellationToken).ConfigureAwait(false);
        }

        await foreach (var response in _rpc.ChaincodeEventsAsync(_request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var e in response.Events)
            {
                yield return new ChaincodeEvent(response.BlockNumber, e.TxId, e.ChaincodeId, e.EventName, e.Payload.Memory);
            }
        }
    }

    internal void SetSignature(ReadOnlySpan<byte> signature) => _request.Signature = ByteString.CopyFrom(signature);
}
