using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.Protos.Msp;
using Google.Protobuf;

namespace Fabric.DevNetwork.Crypto;

/// <summary>A node's (or user's) signing certificate and private key, and its msp.SerializedIdentity.</summary>
internal sealed class SigningIdentity : IDisposable
{
    private readonly ECDsa _key;

    public SigningIdentity(string mspId, X509Certificate2 certificate, ECDsa key)
    {
        MspId = mspId;
        Certificate = certificate;
        _key = key;
        Serialized = new SerializedIdentity
        {
            Mspid = mspId,
            IdBytes = ByteString.CopyFromUtf8(certificate.ExportCertificatePem() + "\n"),
        }.ToByteString();
    }

    public string MspId { get; }

    public X509Certificate2 Certificate { get; }

    public ByteString Serialized { get; }

    public byte[] Sign(ReadOnlySpan<byte> data) => EcdsaSignatures.Sign(_key, data);

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
