using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Crypto;
using Fabric.Protos.Common;
using Google.Protobuf;

namespace Fabric.DevNetwork.Msp;

/// <summary>The NodeOU of an identity (cryptogen and Fabric CA put it in the certificate subject's OU).</summary>
internal enum NodeRole
{
    Client,
    Peer,
    Admin,
    Orderer,
}

/// <summary>An identity that its organization's MSP has validated: the certificate chains to the org CA and carries a NodeOU.</summary>
internal sealed class MspIdentity(string mspId, X509Certificate2 certificate, NodeRole role, ByteString serialized)
{
    private readonly ECDsa _publicKey = certificate.GetECDsaPublicKey()
        ?? throw new MspValidationException("the identity's certificate does not hold an ECDSA public key");

    public string MspId { get; } = mspId;

    public X509Certificate2 Certificate { get; } = certificate;

    public NodeRole Role { get; } = role;

    /// <summary>The msp.SerializedIdentity bytes as received.</summary>
    public ByteString Serialized { get; } = serialized;

    public bool HasRole(MSPRole.Types.MSPRoleType role) => role switch
    {
        MSPRole.Types.MSPRoleType.Member => true,
        MSPRole.Types.MSPRoleType.Admin => Role == NodeRole.Admin,
        MSPRole.Types.MSPRoleType.Client => Role == NodeRole.Client,
        MSPRole.Types.MSPRoleType.Peer => Role == NodeRole.Peer,
        MSPRole.Types.MSPRoleType.Orderer => Role == NodeRole.Orderer,
        _ => false,
    };

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => EcdsaSignatures.Verify(_publicKey, data, signature);
}

internal sealed class MspValidationException(string message) : Exception(message);
