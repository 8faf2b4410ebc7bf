using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace Fabric.DevNetwork.Msp;

/// <summary>
/// One organization's MSP as a Fabric peer holds it from the channel configuration: its CA, with NodeOUs enabled.
/// Validated identities are cached by their serialized bytes, as Fabric's MSP cache does.
/// </summary>
internal sealed class MembershipServiceProvider(string mspId, X509Certificate2 rootCertificate, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<ByteString, MspIdentity> _validated = new();

    public string MspId { get; } = mspId;

    /// <summary>A copy of the CA certificate, owned by the MSP.</summary>
    public X509Certificate2 RootCertificate { get; } = X509CertificateLoader.LoadCertificate(rootCertificate.RawData);

    public MspIdentity Validate(ByteString serialized, string certificatePem)
    {
        if (_validated.TryGetValue(serialized, out var known))
        {
            return known;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new MspValidationException($"could not decode the identity's certificate: {e.Message}");
        }

        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(RootCertificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = timeProvider.GetUtcNow().UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            if (!chain.Build(certificate))
            {
                var reason = string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
                throw new MspValidationException($"the supplied identity is not valid: x509: certificate signed by unknown authority ({reason})");
            }
        }

        var roles = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value == "2.5.4.11")
            .Select(r => r.GetSingleElementValue())
            .Select(ou => ou switch
            {
                "client" => NodeRole.Client,
                "peer" => NodeRole.Peer,
                "admin" => NodeRole.Admin,
                "orderer" => NodeRole.Orderer,
                _ => (NodeRole?)null,
            })
            .OfType<NodeRole>()
            .ToList();
        if (roles.Count != 1)
        {
            throw new MspValidationException(
                "the supplied identity is not valid: the identity must be a client, a peer, an orderer or an admin identity to be valid, not a combination of them");
        }

        var identity = new MspIdentity(MspId, certificate, roles[0], serialized);
        _validated.TryAdd(serialized, identity);
        return identity;
    }
}
