using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.Gateway.Client.Identity;

/// <summary>
/// Loads a client identity from an MSP folder as cryptogen and the Fabric CA client write it:
/// <c>signcerts/</c> holds the PEM certificate, <c>keystore/</c> the PEM private key (cryptogen names it
/// <c>priv_sk</c>, Fabric CA <c>&lt;ski&gt;_sk</c>).
/// </summary>
public static class MspFolder
{
    /// <summary>
    /// Reads <c>signcerts</c> and <c>keystore</c> under <paramref name="mspPath"/>. When the keystore holds several
    /// keys, the one whose public key matches the certificate is used.
    /// </summary>
    /// <exception cref="InvalidDataException">The folder has no certificate, or no key matches it.</exception>
    public static async Task<MspCredentials> LoadAsync(string mspPath, string mspId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);

        var certificateFile = SingleFile(Path.Combine(mspPath, "signcerts"), "*.pem", "certificate");
        var identity = await X509Identity.FromPemFileAsync(mspId, certificateFile, cancellationToken).ConfigureAwait(false);

        var keystore = Path.Combine(mspPath, "keystore");
        if (!Directory.Exists(keystore))
        {
            throw new InvalidDataException($"The MSP folder {mspPath} has no keystore folder.");
        }

        using var certificate = identity.CreateCertificate();
        using var certificateKey = certificate.GetECDsaPublicKey()
            ?? throw new InvalidDataException($"The certificate {certificateFile} does not hold an ECDSA public key.");
        var expected = certificateKey.ExportSubjectPublicKeyInfo();

        foreach (var keyFile in Directory.EnumerateFiles(keystore).Order(StringComparer.Ordinal))
        {
            var pem = await File.ReadAllTextAsync(keyFile, cancellationToken).ConfigureAwait(false);
            if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                continue;
            }

            using var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(pem);
            }
            catch (ArgumentException)
            {
                continue;
            }
            catch (CryptographicException)
            {
                continue;
            }

            if (key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(expected))
            {
                return new MspCredentials(identity, Signers.Create(key));
            }
        }

        throw new InvalidDataException($"No private key in {keystore} matches the certificate {certificateFile}.");
    }

    private static string SingleFile(string folder, string pattern, string what)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException($"The MSP {what} folder {folder} does not exist.");
        }

        var files = Directory.GetFiles(folder, pattern);
        if (files.Length == 0)
        {
            files = Directory.GetFiles(folder);
        }

        return files.Length switch
        {
            0 => throw new InvalidDataException($"The MSP {what} folder {folder} is empty."),
            1 => files[0],
            _ => throw new InvalidDataException($"The MSP {what} folder {folder} holds {files.Length} files; expected one."),
        };
    }
}
