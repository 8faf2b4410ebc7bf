using System.Security.Cryptography;
using Fabric.Gateway.Client.Identity.Internal;

namespace Fabric.Gateway.Client.Identity;

/// <summary>Creates <see cref="ISigner"/>s for private keys held in memory.</summary>
public static class Signers
{
    /// <summary>
    /// Creates a signer from a PEM private key: PKCS#8 (<c>BEGIN PRIVATE KEY</c>, as cryptogen and Fabric CA write
    /// it) or SEC1 (<c>BEGIN EC PRIVATE KEY</c>). Only ECDSA P-256 and P-384 keys are accepted.
    /// </summary>
    public static ISigner CreateFromPem(string privateKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
            return CreateOwned(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Reads a PEM private key file and creates a signer from it (see <see cref="CreateFromPem"/>).</summary>
    public static async Task<ISigner> CreateFromPemFileAsync(string privateKeyPath, CancellationToken cancellationToken = default)
    {
        var pem = await File.ReadAllTextAsync(privateKeyPath, cancellationToken).ConfigureAwait(false);
        return CreateFromPem(pem);
    }

    /// <summary>
    /// Creates a signer for an ECDSA key object. The signer keeps a copy of the key, so the caller may dispose
    /// <paramref name="key"/> afterwards.
    /// </summary>
    public static ISigner Create(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var copy = ECDsa.Create(key.ExportParameters(includePrivateParameters: true));
        try
        {
            return CreateOwned(copy);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    private static EcdsaSigner CreateOwned(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (!curve.IsNamed || !IsNistP256OrP384(curve.Oid))
        {
            throw new NotSupportedException("Only ECDSA keys on the P-256 and P-384 curves are supported.");
        }

        return new EcdsaSigner(key);
    }

    private static bool IsNistP256OrP384(Oid oid) =>
        oid.Value is "1.2.840.10045.3.1.7" or "1.3.132.0.34"
        || oid.FriendlyName is "nistP256" or "nistP384" or "ECDSA_P256" or "ECDSA_P384";
}
