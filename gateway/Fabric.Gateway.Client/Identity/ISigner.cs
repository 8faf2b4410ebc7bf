namespace Fabric.Gateway.Client.Identity;

/// <summary>
/// Signs a digest with the private key of a client identity. Implement this to sign with an HSM or a cloud KMS;
/// use <see cref="Signers"/> for keys held in memory.
/// </summary>
public interface ISigner
{
    /// <summary>
    /// Returns the signature of <paramref name="digest"/>. For ECDSA keys Fabric expects an ASN.1 DER
    /// SEQUENCE { r, s } with s normalized to the lower half of the curve order (low-S).
    /// </summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default);
}
