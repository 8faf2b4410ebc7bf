using System.Globalization;
using Fabric.Chaincode;
using HealthRecords.Domain;

namespace HealthRecords.Internal;

/// <summary>
/// The keys of this chaincode: composite keys (object type + IDs) so that every list is a partial-key range
/// query (LevelDB semantics, no rich queries). Versions are zero-padded so they sort numerically.
/// </summary>
internal static class HealthKeys
{
    /// <summary>The configuration (simple key, carries a key-level endorsement policy).</summary>
    public const string Configuration = "health-records-configuration";

    public const string RecordType = "record";
    public const string PatientRecordType = "patientRecord";
    public const string AmendmentType = "amendment";
    public const string ConsentType = "consent";
    public const string PatientConsentType = "patientConsent";
    public const string EmergencyType = "emergency";
    public const string ShareType = "share";
    public const string PatientAuditType = "patientAudit";
    public const string OrganizationAuditType = "orgAudit";

    // Private keys.
    public const string ContentType = "content";
    public const string AmendmentTextType = "amendmentText";
    public const string EmergencyReasonType = "emergencyReason";
    public const string SharedContentType = "sharedContent";

    public static string Version(int version) => version.ToString("D10", CultureInfo.InvariantCulture);

    public static string Record(string recordId, int version) => CompositeKey.Create(RecordType, recordId, Version(version));

    public static string PatientRecord(string patientId, string recordId) => CompositeKey.Create(PatientRecordType, patientId, recordId);

    public static string Amendment(string amendmentId) => CompositeKey.Create(AmendmentType, amendmentId);

    public static string Consent(string consentId) => CompositeKey.Create(ConsentType, consentId);

    public static string PatientConsent(string patientId, string consentId) => CompositeKey.Create(PatientConsentType, patientId, consentId);

    public static string Emergency(string emergencyAccessId) => CompositeKey.Create(EmergencyType, emergencyAccessId);

    public static string Share(ShareBasis basis, string authorizationId, string recordId) =>
        CompositeKey.Create(ShareType, BasisName(basis), authorizationId, recordId);

    /// <summary>The basis as it appears in keys, so a consent ID and an emergency access ID never collide.</summary>
    public static string BasisName(ShareBasis basis) => basis == ShareBasis.Consent ? "consent" : "emergency";

    public static string PatientAudit(string patientId, string auditId) => CompositeKey.Create(PatientAuditType, patientId, auditId);

    public static string OrganizationAudit(string mspId, string auditId) => CompositeKey.Create(OrganizationAuditType, mspId, auditId);

    public static string Content(string recordId, int version) => CompositeKey.Create(ContentType, recordId, Version(version));

    public static string AmendmentText(string amendmentId) => CompositeKey.Create(AmendmentTextType, amendmentId);

    public static string EmergencyReason(string emergencyAccessId) => CompositeKey.Create(EmergencyReasonType, emergencyAccessId);

    public static string SharedContent(ShareBasis basis, string authorizationId, string recordId) =>
        CompositeKey.Create(SharedContentType, BasisName(basis), authorizationId, recordId);
}
