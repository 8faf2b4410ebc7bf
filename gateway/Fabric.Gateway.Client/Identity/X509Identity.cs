using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabric.Protos.Msp;
using Google.Protobuf;

namespace Fabric.Gateway.Client.Identity;

/// <summary>
/// A client identity: an MSP ID and an X.509 certificate in PEM form, as Fabric serializes it in
/// <c>msp.SerializedIdentity</c> (the PEM text itself goes into <c>id_bytes</c>).
/// </summary>
public sealed class X509Identity
{
    private readonly byte[] _serialized;

    public X509Identity(string mspId, string certificatePem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePem);
        if (!certificatePem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new ArgumentException("The certificate must be PEM text (-----BEGIN CERTIFICATE-----).", nameof(certificatePem));
        }

        MspId = mspId;
        CertificatePem = certificatePem;
        // Parse once up front so that a malformed certificate fails here and not at the peer.
        using (X509Certificate2.CreateFromPem(certificatePem))
        {
        }

        _serialized = new SerializedIdentity
        {
            Mspid = mspId,
            IdBytes = ByteString.CopyFromUtf8(certificatePem),
        }.ToByteArray();
    }

    /// <summary>The membership service provider the certificate belongs to, e.g. <c>Org1MSP</c>.</summary>
    public string MspId { get; }

    /// <summary>The certificate exactly as given, in PEM form.</summary>
    public string CertificatePem { get; }

    /// <summary>Parses the certificate; the caller owns (and disposes) the returned object.</summary>
    public X509Certificate2 CreateCertificate() => X509Certificate2.CreateFromPem(CertificatePem);

    /// <summary>Creates an identity from a certificate object; its PEM form is what Fabric will see.</summary>
    public static X509Identity FromCertificate(string mspId, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new X509Identity(mspId, certificate.ExportCertificatePem() + "\n");
    }

    /// <summary>Reads the identity from a PEM certificate file.</summary>
    public static async Task<X509Identity> FromPemFileAsync(string mspId, string certificatePath, CancellationToken cancellationToken = default)
    {
        var pem = await File.ReadAllTextAsync(certificatePath, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        return new X509Identity(mspId, pem);
    }

    /// <summary>The serialized <c>msp.SerializedIdentity</c>: the creator in signature headers and requests.</summary>
    public ReadOnlyMemory<byte> Serialize() => _serialized;

    internal ByteString SerializedByteString() => UnsafeByteOperations.UnsafeWrap(_serialized);
}
