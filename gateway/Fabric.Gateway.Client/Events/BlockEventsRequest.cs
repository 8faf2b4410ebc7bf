using System.Runtime.CompilerServices;
using Fabric.Gateway.Client.Internal;
using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Gateway.Client;

/// <summary>
/// A signed Deliver request for blocks of one channel: full <see cref="Block"/>s, <see cref="FilteredBlock"/>s or
/// <see cref="BlockAndPrivateData"/>. For offline signing, sign <see cref="GetDigest"/> and rebuild it with the
/// matching <c>Gateway.NewSigned...EventsRequest</c>.
/// </summary>
/// <typeparam name="TBlock">What each event carries.</typeparam>
public sealed class BlockEventsRequest<TBlock>
    where TBlock : class
{
    private readonly GatewayRpc _rpc;
    private readonly SigningIdentity _signing;
    private readonly DeliverKind _kind;
    private readonly Envelope _request;

    internal BlockEventsRequest(GatewayRpc rpc, SigningIdentity signing, DeliverKind kind, Envelope request)
    {
        _rpc = rpc;
        _signing = signing;
        _kind = kind;
        _request = request;
    }

    /// <summary>The serialized seek <c>common.Envelope</c>.</summary>
    public byte[] GetBytes() => _request.ToByteArray();

    /// <summary>The digest to sign: the gateway's hash of the envelope payload.</summary>
    public byte[] GetDigest() => _signing.Digest(_request.Payload.Span);

    /// <summary>Streams the blocks in order until <paramref name="cancellationToken"/> is cancelled or the enumeration is abandoned.</summary>
    /// <exception cref="GatewayException">The stream failed, or the peer answered with a status (e.g. FORBIDDEN, NOT_FOUND).</exception>
    public async IAsyncEnumerable<TBlock> GetEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_request.Signature.IsEmpty)
        {
            _request.Signature = await _signing.SignAsync(_request.Payload.Memory, cancellationToken).ConfigureAwait(false);
        }

        await foreach (var response in _rpc.DeliverAsync(_kind, _request, cancellationToken).ConfigureAwait(false))
        {
            if (response.TypeCase == DeliverResponse.TypeOneofCase.Status)
            {
                if (response.Status == Status.Success)
                {
                    yield break;
                }

                throw new GatewayException($"The peer ended block delivery with status {(int)response.Status} ({response.Status}).");
            }

            yield return Select(response)
                ?? throw new GatewayException($"Unexpected Deliver response {response.TypeCase} for {typeof(TBlock).Name} events.");
        }
    }

    internal void SetSignature(ReadOnlySpan<byte> signature) => _request.Signature = ByteString.CopyFrom(signature);

    private static TBlock? Select(DeliverResponse response) => response.TypeCase switch
    {
        DeliverResponse.TypeOneofCase.Block => response.Block as TBlock,
        DeliverResponse.TypeOneofCase.FilteredBlock => response.FilteredBlock as TBlock,
        DeliverResponse.TypeOneofCase.BlockAndPrivateData => response.BlockAndPrivateData as TBlock,
        _ => null,
    };
}
