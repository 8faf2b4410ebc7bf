using System.Numerics;
using System.Security.Cryptography;

namespace Fabric.Gateway.Client.Identity.Internal;

/// <summary>Signs digests with an in-memory ECDSA P-256 or P-384 key, producing low-S DER signatures.</summary>
internal sealed class EcdsaSigner : ISigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly BigInteger _order;
    private readonly int _p1363Length;

    public EcdsaSigner(ECDsa key)
    {
        _key = key;
        _order = EcdsaSignatures.OrderForKeySize(key.KeySize);
        _p1363Length = 2 * ((key.KeySize + 7) / 8);
    }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Sign(digest.Span));
    }

    public byte[] Sign(ReadOnlySpan<byte> digest)
    {
        Span<byte> p1363 = stackalloc byte[_p1363Length];
        if (!_key.TrySignHash(digest, p1363, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written))
        {
            throw new CryptographicException("The ECDSA signature did not fit its expected size.");
        }

        return EcdsaSignatures.P1363ToLowSDer(p1363[..written], _order);
    }

    public void Dispose() => _key.Dispose();
}
