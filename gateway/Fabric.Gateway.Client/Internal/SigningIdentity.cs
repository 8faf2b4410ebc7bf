using Fabric.Gateway.Client.Identity;
using Fabric.Gateway.Client.Identity.Internal;
using Google.Protobuf;

namespace Fabric.Gateway.Client.Internal;

/// <summary>The client identity, how its messages are hashed, and (unless signing happens offline) its signer.</summary>
internal sealed class SigningIdentity(X509Identity identity, ISigner? signer, DigestAlgorithm digestAlgorithm)
{
    public X509Identity Identity { get; } = identity;

    public ByteString Creator { get; } = identity.SerializedByteString();

    public byte[] Digest(ReadOnlySpan<byte> message) => Digests.Compute(digestAlgorithm, message);

    public async ValueTask<ByteString> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (signer is null)
        {
            throw new InvalidOperationException(
                "This gateway was connected without a signer: attach a signature made elsewhere (Gateway.NewSigned...) before sending.");
        }

        var signature = await signer.SignAsync(Digest(message.Span), cancellationToken).ConfigureAwait(false);
        return UnsafeByteOperations.UnsafeWrap(signature);
    }
}
