using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Fabric.Chaincode.Identity.Internal;
using Fabric.Protos.Msp;
using Google.Protobuf;

namespace Fabric.Chaincode.Identity;

/// <summary>An X.509 client identity read from a transaction's creator (<c>msp.SerializedIdentity</c>).</summary>
public sealed class ClientIdentity : IClientIdentity
{
    /// <summary>The OID of the certificate extension in which Fabric CA stores attributes as JSON <c>{"attrs":{...}}</c>.</summary>
    public const string AttributesExtensionOid = "1.2.3.4.5.6.7.8.1";

    private readonly IReadOnlyList<string> _organizationalUnits;

    private ClientIdentity(string mspId, X509Certificate2 certificate)
    {
        MspId = mspId;
        Certificate = certificate;
        var subject = DistinguishedNames.Parse(certificate.SubjectName.RawData);
        var issuer = DistinguishedNames.Parse(certificate.IssuerName.RawData);
        SubjectDistinguishedName = DistinguishedNames.FormatLikeGo(subject);
        IssuerDistinguishedName = DistinguishedNames.FormatLikeGo(issuer);
        _organizationalUnits = subject.Where(a => a.Oid == DistinguishedNames.OrganizationalUnitOid).Select(a => a.Value).ToArray();
        Id = Convert.ToBase64String(Encoding.UTF8.GetBytes($"x509::{SubjectDistinguishedName}::{IssuerDistinguishedName}"));
        Attributes = ReadAttributes(certificate);
    }

    public string Id { get; }

    public string MspId { get; }

    public X509Certificate2 Certificate { get; }

    public IReadOnlyDictionary<string, string> Attributes { get; }

    public string SubjectDistinguishedName { get; }

    public string IssuerDistinguishedName { get; }

    /// <summary>Reads the identity from a serialized <c>msp.SerializedIdentity</c> whose id_bytes is a PEM certificate.</summary>
    /// <exception cref="ArgumentException">The bytes are not a serialized identity with an X.509 PEM certificate
    /// (idemix identities are not supported).</exception>
    public static ClientIdentity FromCreator(ReadOnlySpan<byte> serializedIdentity)
    {
        SerializedIdentity identity;
        try
        {
            identity = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ArgumentException("The creator is not a serialized msp.SerializedIdentity.", nameof(serializedIdentity), ex);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(identity.IdBytes.ToStringUtf8());
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new ArgumentException(
                "The creator's identity bytes are not an X.509 certificate in PEM form (idemix identities are not supported).",
                nameof(serializedIdentity),
                ex);
        }

        return new ClientIdentity(identity.Mspid, certificate);
    }

    /// <summary>An identity of <paramref name="mspId"/> with <paramref name="certificate"/> (used by tests and the in-memory stub).</summary>
    public static ClientIdentity FromCertificate(string mspId, X509Certificate2 certificate)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentNullException.ThrowIfNull(certificate);
        return new ClientIdentity(mspId, certificate);
    }

    public string? GetAttributeValue(string name) => Attributes.TryGetValue(name, out var value) ? value : null;

    public void AssertAttributeValue(string name, string value)
    {
        var actual = GetAttributeValue(name);
        if (actual is null)
        {
            throw ChaincodeException.Forbidden($"Attribute '{name}' was not found in the client's certificate.");
        }

        if (!string.Equals(actual, value, StringComparison.Ordinal))
        {
            throw ChaincodeException.Forbidden($"Attribute '{name}' equals '{actual}', not '{value}'.");
        }
    }

    public void AssertMspId(params IEnumerable<string> mspIds)
    {
        ArgumentNullException.ThrowIfNull(mspIds);
        var allowed = mspIds as ICollection<string> ?? mspIds.ToArray();
        if (!allowed.Contains(MspId, StringComparer.Ordinal))
        {
            throw ChaincodeException.Forbidden($"Clients of {MspId} may not perform this transaction.");
        }
    }

    public bool HasOrganizationalUnit(string organizationalUnit) =>
        _organizationalUnits.Contains(organizationalUnit, StringComparer.Ordinal);

    private static Dictionary<string, string> ReadAttributes(X509Certificate2 certificate)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var extension = certificate.Extensions[AttributesExtensionOid];
        if (extension is null)
        {
            return attributes;
        }

        try
        {
            using var document = JsonDocument.Parse(extension.RawData);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("attrs", out var attrs)
                && attrs.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in attrs.EnumerateObject())
                {
                    attributes[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : property.Value.GetRawText();
                }
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The Fabric CA attribute extension of the certificate is not valid JSON.", nameof(certificate), ex);
        }

        return attributes;
    }
}
