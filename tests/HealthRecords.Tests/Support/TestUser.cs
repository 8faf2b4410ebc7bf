using System.Security.Cryptography.X509Certificates;
using Fabric.Chaincode.Testing;

namespace HealthRecords.Tests.Support;

/// <summary>A client identity: an MSP and a certificate with Fabric CA attributes (role, patientId).</summary>
internal sealed class TestUser
{
    private TestUser(string mspId, X509Certificate2 certificate)
    {
        MspId = mspId;
        Certificate = certificate;
    }

    public string MspId { get; }

    public X509Certificate2 Certificate { get; }

    public static TestUser Clinician(string mspId, string name = "dr-house") =>
        new(mspId, TestIdentities.CreateCertificate(name, new Dictionary<string, string> { ["role"] = "clinician" }));

    public static TestUser Patient(string mspId, string patientId) =>
        new(mspId, TestIdentities.CreateCertificate(patientId, new Dictionary<string, string> { ["role"] = "patient", ["patientId"] = patientId }));

    /// <summary>An admin as cryptogen issues it: OU=admin, no attributes.</summary>
    public static TestUser Admin(string mspId) => new(mspId, TestIdentities.CreateCertificate("Admin", organizationalUnit: "admin"));

    public static TestUser WithAttributes(string mspId, string name, IReadOnlyDictionary<string, string> attributes) =>
        new(mspId, TestIdentities.CreateCertificate(name, attributes));
}
