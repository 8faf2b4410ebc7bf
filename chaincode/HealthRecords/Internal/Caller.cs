using Fabric.Chaincode.Contracts;
using HealthRecords.Domain;

namespace HealthRecords.Internal;

/// <summary>
/// Who is calling, read from the certificate only (never from arguments): the hospital (MSP ID, which must be
/// a configured hospital), the Fabric client identity ID, and the Fabric CA attributes <c>role</c>
/// (<c>patient</c>, <c>clinician</c> or <c>admin</c>) and <c>patientId</c>.
/// </summary>
internal sealed class Caller
{
    public const string RoleAttribute = "role";
    public const string PatientIdAttribute = "patientId";
    public const string PatientRole = "patient";
    public const string ClinicianRole = "clinician";
    public const string AdminRole = "admin";

    private Caller(string mspId, string id, string? role, string? patientId, bool isAdmin)
    {
        MspId = mspId;
        Id = id;
        Role = role;
        PatientIdAttributeValue = patientId;
        IsAdmin = isAdmin;
    }

    public string MspId { get; }

    /// <summary>The Fabric client identity ID (base64 of subject and issuer DNs).</summary>
    public string Id { get; }

    public string? Role { get; }

    /// <summary>True for an organization admin: <c>role=admin</c>, or OU <c>admin</c> as cryptogen and Fabric CA NodeOUs issue it.</summary>
    public bool IsAdmin { get; }

    public bool IsPatient => Role == PatientRole;

    private string? PatientIdAttributeValue { get; }

    /// <summary>The caller as a member of a configured hospital.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">403 when the caller's MSP is not a configured hospital.</exception>
    public static Caller Of(ChaincodeContext context, HealthConfiguration configuration)
    {
        var caller = Read(context);
        if (!configuration.IsHospital(caller.MspId))
        {
            throw HealthErrors.Forbidden($"Organization {caller.MspId} is not a configured hospital of this chaincode.");
        }

        return caller;
    }

    /// <summary>The caller without checking the configuration (for the configuration transactions themselves).</summary>
    public static Caller Read(ChaincodeContext context)
    {
        var identity = context.ClientIdentity;
        var role = identity.GetAttributeValue(RoleAttribute);
        var isAdmin = role == AdminRole || identity.HasOrganizationalUnit("admin");
        return new Caller(identity.MspId, identity.Id, role, identity.GetAttributeValue(PatientIdAttribute), isAdmin);
    }

    /// <summary>The patient ID of a caller with <c>role=patient</c> and a <c>patientId</c> attribute.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">403 otherwise.</exception>
    public string RequirePatient(string action)
    {
        if (!IsPatient || string.IsNullOrEmpty(PatientIdAttributeValue))
        {
            throw HealthErrors.Forbidden($"Only a patient (certificate attributes role=patient and patientId) may {action}.");
        }

        return Validation.Id(PatientIdAttributeValue, "patientId certificate attribute");
    }

    /// <summary>True when the caller is the patient <paramref name="patientId"/>.</summary>
    public bool IsPatientOf(string patientId) =>
        IsPatient && string.Equals(PatientIdAttributeValue, patientId, StringComparison.Ordinal);

    /// <summary>Requires <c>role=clinician</c>.</summary>
    public void RequireClinician(string action)
    {
        if (Role != ClinicianRole)
        {
            throw HealthErrors.Forbidden($"Only a clinician (certificate attribute role=clinician) may {action}.");
        }
    }

    /// <summary>Requires a clinician of <paramref name="mspId"/>.</summary>
    public void RequireClinicianOf(string mspId, string action)
    {
        RequireClinician(action);
        if (!string.Equals(MspId, mspId, StringComparison.Ordinal))
        {
            throw HealthErrors.Forbidden($"Only a clinician of {mspId} may {action}.");
        }
    }

    /// <summary>Requires an admin.</summary>
    public void RequireAdmin(string action)
    {
        if (!IsAdmin)
        {
            throw HealthErrors.Forbidden($"Only an organization admin (OU admin or role=admin) may {action}.");
        }
    }

    /// <summary>Requires a hospital staff member (clinician or admin), not a patient.</summary>
    public void RequireStaff(string action)
    {
        if (Role != ClinicianRole && !IsAdmin)
        {
            throw HealthErrors.Forbidden($"Only hospital staff (role=clinician or an admin) may {action}.");
        }
    }
}
