using System.Security.Cryptography.X509Certificates;

namespace Fabric.DevNetwork.Crypto;

/// <summary>One organization's crypto material, loaded from (or generated into) cryptogen's folder layout.</summary>
internal sealed class OrganizationCrypto : IDisposable
{
    public required string MspId { get; init; }

    public required string Domain { get; init; }

    /// <summary>organizations/peerOrganizations/&lt;domain&gt; (or ordererOrganizations).</summary>
    public required string Directory { get; init; }

    /// <summary>peer0.&lt;domain&gt; or orderer.&lt;domain&gt;.</summary>
    public required string NodeName { get; init; }

    public required X509Certificate2 CaCertificate { get; init; }

    public required X509Certificate2 TlsCaCertificate { get; init; }

    /// <summary>The node's enrollment (signing) identity, OU=peer or OU=orderer.</summary>
    public required SigningIdentity NodeIdentity { get; init; }

    /// <summary>The node's TLS server certificate with its private key.</summary>
    public required X509Certificate2 TlsServerCertificate { get; init; }

    public string TlsCaCertificatePath => Path.Combine(Directory, "tlsca", $"tlsca.{Domain}-cert.pem");

    public string UsersDirectory => Path.Combine(Directory, "users");

    public string MspDirectory => Path.Combine(Directory, "msp");

    public void Dispose()
    {
        CaCertificate.Dispose();
        TlsCaCertificate.Dispose();
        NodeIdentity.Dispose();
        TlsServerCertificate.Dispose();
    }
}
