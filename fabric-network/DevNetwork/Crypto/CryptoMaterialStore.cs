using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Fabric.DevNetwork.Crypto;

/// <summary>
/// Generates crypto material on first start in cryptogen's layout (so tools written for fabric-samples' test-network
/// find the same files) and loads it again on restart:
/// <c>organizations/{peer,orderer}Organizations/&lt;domain&gt;/{ca,tlsca,msp,peers|orderers,users}</c>, NodeOUs enabled.
/// An organization folder is written under a temporary name and renamed when complete, so a start that is killed
/// half-way never leaves partial material behind.
/// </summary>
internal sealed class CryptoMaterialStore(string organizationsRoot, TimeProvider timeProvider)
{
    private readonly CertificateFactory _certificates = new(timeProvider);

    public string Root => organizationsRoot;

    public OrganizationCrypto EnsurePeerOrganization(string mspId, string domain) =>
        Ensure(mspId, domain, "peerOrganizations", "peers", $"peer0.{domain}", "peer", ["Admin", "User1"]);

    public OrganizationCrypto EnsureOrdererOrganization(string mspId, string domain, string hostname) =>
        Ensure(mspId, domain, "ordererOrganizations", "orderers", $"{hostname}.{domain}", "orderer", ["Admin"]);

    public static string PeerOrganizationDirectory(string organizationsRoot, string domain) =>
        Path.Combine(organizationsRoot, "peerOrganizations", domain);

    private OrganizationCrypto Ensure(
        string mspId, string domain, string kind, string nodesFolder, string nodeName, string nodeOu, string[] users)
    {
        var directory = Path.Combine(organizationsRoot, kind, domain);
        if (!File.Exists(Path.Combine(directory, "ca", "priv_sk")))
        {
            Generate(directory, domain, nodesFolder, nodeName, nodeOu, users);
        }

        return Load(mspId, domain, directory, nodesFolder, nodeName);
    }

    private void Generate(string directory, string domain, string nodesFolder, string nodeName, string nodeOu, string[] users)
    {
        var staging = directory + ".partial";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        var (ca, caKey) = _certificates.CreateAuthority($"ca.{domain}", domain);
        var (tlsCa, tlsCaKey) = _certificates.CreateAuthority($"tlsca.{domain}", domain);
        using (ca)
        using (caKey)
        using (tlsCa)
        using (tlsCaKey)
        {
            WritePem(Path.Combine(staging, "ca", $"ca.{domain}-cert.pem"), ca.ExportCertificatePem());
            WritePem(Path.Combine(staging, "ca", "priv_sk"), caKey.ExportPkcs8PrivateKeyPem());
            WritePem(Path.Combine(staging, "tlsca", $"tlsca.{domain}-cert.pem"), tlsCa.ExportCertificatePem());
            WritePem(Path.Combine(staging, "tlsca", "priv_sk"), tlsCaKey.ExportPkcs8PrivateKeyPem());
            WriteMsp(Path.Combine(staging, "msp"), domain, ca, tlsCa, signer: null);

            var authority = new IssuingAuthority(domain, ca, caKey, tlsCa, tlsCaKey);
            var nodeDirectory = Path.Combine(staging, nodesFolder, nodeName);
            var shortHost = nodeName[..nodeName.IndexOf('.', StringComparison.Ordinal)];
            WriteMember(nodeDirectory, authority, nodeName, nodeOu, [nodeName, shortHost], extensions: null);
            foreach (var user in users)
            {
                var userName = $"{user}@{domain}";
                WriteMember(Path.Combine(staging, "users", userName), authority, userName,
                    user == "Admin" ? "admin" : "client", tlsHostNames: null, extensions: null);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.Move(staging, directory);
    }

    /// <summary>Writes a member's msp/ and tls/ folders: a server TLS pair for nodes, a client pair for users.</summary>
    internal void WriteMember(
        string memberDirectory, IssuingAuthority authority, string commonName, string ou,
        IReadOnlyList<string>? tlsHostNames, IEnumerable<X509Extension>? extensions)
    {
        var (cert, key) = _certificates.Issue(authority.Ca, authority.CaKey, commonName, ou, null, extensions);
        using (cert)
        using (key)
        {
            WriteMsp(Path.Combine(memberDirectory, "msp"), authority.Domain, authority.Ca, authority.TlsCa, (commonName, cert, key));
        }

        var (tlsCert, tlsKey) = _certificates.Issue(authority.TlsCa, authority.TlsCaKey, commonName, null, tlsHostNames ?? [commonName]);
        using (tlsCert)
        using (tlsKey)
        {
            var isServer = tlsHostNames is not null;
            var tls = Path.Combine(memberDirectory, "tls");
            WritePem(Path.Combine(tls, "ca.crt"), authority.TlsCa.ExportCertificatePem());
            WritePem(Path.Combine(tls, isServer ? "server.crt" : "client.crt"), tlsCert.ExportCertificatePem());
            WritePem(Path.Combine(tls, isServer ? "server.key" : "client.key"), tlsKey.ExportPkcs8PrivateKeyPem());
        }
    }

    private static void WriteMsp(string msp, string domain, X509Certificate2 ca, X509Certificate2 tlsCa, (string Name, X509Certificate2 Cert, ECDsa Key)? signer)
    {
        Directory.CreateDirectory(Path.Combine(msp, "admincerts"));
        WritePem(Path.Combine(msp, "cacerts", $"ca.{domain}-cert.pem"), ca.ExportCertificatePem());
        WritePem(Path.Combine(msp, "tlscacerts", $"tlsca.{domain}-cert.pem"), tlsCa.ExportCertificatePem());
        File.WriteAllText(Path.Combine(msp, "config.yaml"), NodeOusConfig(domain));
        if (signer is { } s)
        {
            WritePem(Path.Combine(msp, "signcerts", $"{s.Name}-cert.pem"), s.Cert.ExportCertificatePem());
            WritePem(Path.Combine(msp, "keystore", "priv_sk"), s.Key.ExportPkcs8PrivateKeyPem());
        }
    }

    private static string NodeOusConfig(string domain)
    {
        var builder = new StringBuilder("NodeOUs:\n  Enable: true\n");
        foreach (var (key, ou) in new[] { ("ClientOUIdentifier", "client"), ("PeerOUIdentifier", "peer"), ("AdminOUIdentifier", "admin"), ("OrdererOUIdentifier", "orderer") })
        {
            builder.Append("  ").Append(key).Append(":\n")
                .Append("    Certificate: cacerts/ca.").Append(domain).Append("-cert.pem\n")
                .Append("    OrganizationalUnitIdentifier: ").Append(ou).Append('\n');
        }

        return builder.ToString();
    }

    private static OrganizationCrypto Load(string mspId, string domain, string directory, string nodesFolder, string nodeName)
    {
        var node = Path.Combine(directory, nodesFolder, nodeName);
        var signCert = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(node, "msp", "signcerts", $"{nodeName}-cert.pem")));
        var signKey = ECDsa.Create();
        signKey.ImportFromPem(File.ReadAllText(Path.Combine(node, "msp", "keystore", "priv_sk")));
        return new OrganizationCrypto
        {
            MspId = mspId,
            Domain = domain,
            Directory = directory,
            NodeName = nodeName,
            CaCertificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(directory, "ca", $"ca.{domain}-cert.pem"))),
            TlsCaCertificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(directory, "tlsca", $"tlsca.{domain}-cert.pem"))),
            NodeIdentity = new SigningIdentity(mspId, signCert, signKey),
            TlsServerCertificate = X509Certificate2.CreateFromPem(
                File.ReadAllText(Path.Combine(node, "tls", "server.crt")), File.ReadAllText(Path.Combine(node, "tls", "server.key"))),
        };
    }

    /// <summary>Loads an organization's CAs with their keys, to issue more identities (enroll).</summary>
    internal static IssuingAuthority LoadAuthority(string organizationDirectory, string domain)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(organizationDirectory, "ca", $"ca.{domain}-cert.pem")));
        var caKey = ECDsa.Create();
        caKey.ImportFromPem(File.ReadAllText(Path.Combine(organizationDirectory, "ca", "priv_sk")));
        var tlsCa = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(organizationDirectory, "tlsca", $"tlsca.{domain}-cert.pem")));
        var tlsCaKey = ECDsa.Create();
        tlsCaKey.ImportFromPem(File.ReadAllText(Path.Combine(organizationDirectory, "tlsca", "priv_sk")));
        return new IssuingAuthority(domain, ca, caKey, tlsCa, tlsCaKey);
    }

    private static void WritePem(string path, string pem)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, pem.EndsWith('\n') ? pem : pem + "\n");
        var isKey = path.EndsWith("priv_sk", StringComparison.Ordinal) || path.EndsWith(".key", StringComparison.Ordinal);
        if (isKey && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

/// <summary>An organization's CA and TLS CA with their private keys.</summary>
internal sealed record IssuingAuthority(string Domain, X509Certificate2 Ca, ECDsa CaKey, X509Certificate2 TlsCa, ECDsa TlsCaKey) : IDisposable
{
    public void Dispose()
    {
        Ca.Dispose();
        CaKey.Dispose();
        TlsCa.Dispose();
        TlsCaKey.Dispose();
    }
}
