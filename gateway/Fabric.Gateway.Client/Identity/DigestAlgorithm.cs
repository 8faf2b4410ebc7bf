namespace Fabric.Gateway.Client.Identity;

/// <summary>How the bytes of a signable message are hashed before they are handed to an <see cref="ISigner"/>.</summary>
public enum DigestAlgorithm
{
    /// <summary>SHA-256: what Fabric MSPs use with P-256 keys. The default.</summary>
    Sha256 = 0,

    /// <summary>SHA-384, for MSPs configured with a SHA-384 hash family.</summary>
    Sha384 = 1,

    /// <summary>No hashing: the signer receives the message itself (for signers that hash internally).</summary>
    None = 2,
}
