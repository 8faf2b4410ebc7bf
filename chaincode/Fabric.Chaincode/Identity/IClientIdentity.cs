using System.Security.Cryptography.X509Certificates;

namespace Fabric.Chaincode.Identity;

/// <summary>
/// The identity that created the transaction proposal, for authorization checks in chaincode: its MSP ID,
/// its X.509 certificate and the attributes a Fabric CA put in that certificate.
/// </summary>
public interface IClientIdentity
{
    /// <summary>
    /// A unique ID for the identity within its MSP, in the form of Go's <c>cid.GetID</c>: base64 of
    /// <c>x509::&lt;subject DN&gt;::&lt;issuer DN&gt;</c> with the DNs as Go's pkix.Name formats them. (Node's
    /// ClientIdentity.getID returns a different, unencoded form; see docs/chaincode-guide.md.)
    /// </summary>
    string Id { get; }

    /// <summary>The MSP ID of the identity's organization.</summary>
    string MspId { get; }

    /// <summary>The identity's certificate.</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>The attributes of the Fabric CA extension (OID 1.2.3.4.5.6.7.8.1); empty when the certificate has none.</summary>
    IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The subject DN in the form used by <see cref="Id"/> (for example <c>CN=user1,OU=client,O=Hyperledger,ST=North Carolina,C=US</c>).</summary>
    string SubjectDistinguishedName { get; }

    /// <summary>The issuer DN in the form used by <see cref="Id"/>.</summary>
    string IssuerDistinguishedName { get; }

    /// <summary>The value of a Fabric CA attribute, or null when the certificate does not carry it.</summary>
    string? GetAttributeValue(string name);

    /// <summary>Throws a 403 <see cref="ChaincodeException"/> unless attribute <paramref name="name"/> equals <paramref name="value"/>.</summary>
    void AssertAttributeValue(string name, string value);

    /// <summary>Throws a 403 <see cref="ChaincodeException"/> unless the identity belongs to one of <paramref name="mspIds"/>.</summary>
    void AssertMspId(params IEnumerable<string> mspIds);

    /// <summary>True when one of the subject's organizational units equals <paramref name="organizationalUnit"/>.</summary>
    bool HasOrganizationalUnit(string organizationalUnit);
}
