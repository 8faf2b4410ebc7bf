using System.Security.Cryptography;
using Fabric.Gateway.Client.Identity;
using Google.Protobuf;

namespace Fabric.Admin.Lifecycle;

/// <summary>
/// The admin's identity (an organization admin for install and approve) and its signer. Messages are hashed with
/// SHA-256, the hash family of Fabric's default MSP configuration, and the digest handed to the signer.
/// </summary>
internal sealed class AdminSigner(X509Identity identity, ISigner signer)
{
    public X509Identity Identity { get; } = identity;

    /// <summary>The serialized <c>msp.SerializedIdentity</c>: the creator in every header.</summary>
    public ByteString Creator { get; } = ByteString.CopyFrom(identity.Serialize().Span);

    public async Task<ByteString> SignAsync(ByteString message, CancellationToken cancellationToken)
    {
        var signature = await signer.SignAsync(SHA256.HashData(message.Span), cancellationToken).ConfigureAwait(false);
        return ByteString.CopyFrom(signature);
    }

    public static async Task<AdminSigner> LoadAsync(string mspDirectory, string mspId, CancellationToken cancellationToken)
    {
        try
        {
            var credentials = await MspFolder.LoadAsync(mspDirectory, mspId, cancellationToken).ConfigureAwait(false);
            return new AdminSigner(credentials.Identity, credentials.Signer);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or CryptographicException or NotSupportedException)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"cannot load the identity from --msp-dir {mspDirectory}: {e.Message}", e);
        }
    }
}
