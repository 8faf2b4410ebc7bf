using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.Admin.Tests.Support;

/// <summary>
/// An MSP folder in cryptogen's layout (signcerts/, keystore/priv_sk) with a self-signed P-256 certificate whose OU
/// is the node role (admin, client or peer), as cryptogen issues them with NodeOUs.
/// </summary>
public sealed class TestMsp : IDisposable
{
    private TestMsp(string directory, string mspId, string certificatePem, ECDsa key)
    {
        Directory = directory;
        MspId = mspId;
        CertificatePem = certificatePem;
        Key = key;
    }

    public string Directory { get; }

    public string MspId { get; }

    public string CertificatePem { get; }

    /// <summary>The private key, for doubles that sign as this identity (peers' endorsements).</summary>
    public ECDsa Key { get; }

    public static TestMsp Create(string mspId, string role, string commonName)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, OU={role}, O={mspId}", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var pem = certificate.ExportCertificatePem() + "\n";

        var directory = System.IO.Directory.CreateTempSubdirectory("admin-msp-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "signcerts"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "keystore"));
        File.WriteAllText(Path.Combine(directory, "signcerts", "cert.pem"), pem);
        File.WriteAllText(Path.Combine(directory, "keystore", "priv_sk"), key.ExportPkcs8PrivateKeyPem() + "\n");
        return new TestMsp(directory, mspId, pem, key);
    }

    public void Dispose()
    {
        Key.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
