using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Fabric.DevNetwork.Crypto;

/// <summary>
/// Adds a user to an organization, as <c>fabric-ca-client register/enroll</c> would: a certificate from the org's CA
/// with OU=client (or admin) and, when attributes are given, Fabric CA's attribute extension
/// (OID 1.2.3.4.5.6.7.8.1, value <c>{"attrs":{...}}</c>) that chaincode reads for attribute-based access control.
/// </summary>
internal static class UserEnroller
{
    public const string AttributeExtensionOid = "1.2.3.4.5.6.7.8.1";

    /// <summary>Where a user's folder is (users/&lt;name&gt;@&lt;domain&gt; in its organization), enrolled or not.</summary>
    public static string UserDirectory(string organizationsRoot, string domain, string userName) =>
        Path.Combine(CryptoMaterialStore.PeerOrganizationDirectory(organizationsRoot, domain), "users", $"{userName}@{domain}");

    /// <returns>The user's folder (users/&lt;name&gt;@&lt;domain&gt;).</returns>
    public static string Enroll(
        string organizationsRoot, string domain, string userName, IReadOnlyDictionary<string, string> attributes,
        bool isAdmin, TimeProvider timeProvider)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.IndexOfAny(['/', '\\', '@']) >= 0 || userName.StartsWith('.'))
        {
            throw new ArgumentException($"'{userName}' is not a valid user name.", nameof(userName));
        }

        var organization = CryptoMaterialStore.PeerOrganizationDirectory(organizationsRoot, domain);
        if (!File.Exists(Path.Combine(organization, "ca", "priv_sk")))
        {
            throw new InvalidOperationException($"No crypto material for {domain} under {organizationsRoot}; run 'up' first.");
        }

        var commonName = $"{userName}@{domain}";
        var userDirectory = UserDirectory(organizationsRoot, domain, userName);
        if (Directory.Exists(userDirectory))
        {
            throw new InvalidOperationException($"User {commonName} already exists at {userDirectory}.");
        }

        using var authority = CryptoMaterialStore.LoadAuthority(organization, domain);
        var extensions = attributes.Count == 0
            ? null
            : new[] { new X509Extension(AttributeExtensionOid, JsonSerializer.SerializeToUtf8Bytes(new { attrs = attributes }), critical: false) };
        new CryptoMaterialStore(organizationsRoot, timeProvider)
            .WriteMember(userDirectory, authority, commonName, isAdmin ? "admin" : "client", tlsHostNames: null, extensions);
        return userDirectory;
    }

    /// <summary>Reads the attributes a certificate carries, or an empty map.</summary>
    public static IReadOnlyDictionary<string, string> AttributesOf(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == AttributeExtensionOid);
        if (extension is null)
        {
            return new Dictionary<string, string>();
        }

        using var document = JsonDocument.Parse(extension.RawData);
        return document.RootElement.GetProperty("attrs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
