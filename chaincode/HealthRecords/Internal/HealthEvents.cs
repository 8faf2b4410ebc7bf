using Fabric.Chaincode;
using HealthRecords.Domain;

namespace HealthRecords.Internal;

/// <summary>
/// Chaincode event names and payloads: one event per state change, carrying IDs, codes and hashes only
/// (events are in the block, readable by every channel member).
/// </summary>
internal static class HealthEvents
{
    public const string ConfigurationChanged = "ConfigurationChanged";
    public const string RecordRegistered = "RecordRegistered";
    public const string RecordAmended = "RecordAmended";
    public const string RecordEnteredInError = "RecordEnteredInError";
    public const string AmendmentRequested = "AmendmentRequested";
    public const string AmendmentDenied = "AmendmentDenied";
    public const string ConsentGranted = "ConsentGranted";
    public const string ConsentActivated = "ConsentActivated";
    public const string ConsentRevoked = "ConsentRevoked";
    public const string ConsentExpired = "ConsentExpired";
    public const string ConsentEnteredInError = "ConsentEnteredInError";
    public const string RecordShared = "RecordShared";
    public const string SharesPurged = "SharesPurged";
    public const string RecordAccessed = "RecordAccessed";
    public const string EmergencyAccess = "EmergencyAccess";

    public static void Record(IChaincodeStub stub, string name, HealthRecord record) =>
        stub.SetEventJson(name, new RecordEvent(record.RecordId, record.Version, record.PatientId, record.Category, record.AuthorMspId, RecordRules.StatusName(record.Status), record.ContentHash));

    public static void Consent(IChaincodeStub stub, string name, Consent consent, IReadOnlyList<string>? purgedRecordIds = null) =>
        stub.SetEventJson(name, new ConsentEvent(consent.ConsentId, consent.PatientId, consent.GranteeMspId, consent.Status, purgedRecordIds ?? []));

    public static void Share(IChaincodeStub stub, RecordShare share) =>
        stub.SetEventJson(RecordShared, new ShareEvent(share.Basis, share.AuthorizationId, share.RecordId, share.Version, share.AuthorMspId, share.GranteeMspId, share.Collection));

    public static void Audit(IChaincodeStub stub, string name, AuditEntry entry) =>
        stub.SetEventJson(name, new AuditEvent(entry.AuditId, entry.Type, entry.RecordId, entry.Version, entry.PatientId, entry.AgentMspId, entry.Purpose, entry.ConsentId, entry.EmergencyAccessId));

    internal sealed record RecordEvent(string RecordId, int Version, string PatientId, string Category, string AuthorMspId, string Status, string ContentHash);

    internal sealed record ConsentEvent(string ConsentId, string PatientId, string GranteeMspId, ConsentStatus Status, IReadOnlyList<string> PurgedRecordIds);

    internal sealed record ShareEvent(ShareBasis Basis, string AuthorizationId, string RecordId, int Version, string AuthorMspId, string GranteeMspId, string Collection);

    internal sealed record AuditEvent(string AuditId, AuditEventType Type, string RecordId, int Version, string PatientId, string AgentMspId, AccessPurpose Purpose, string? ConsentId, string? EmergencyAccessId);

    internal sealed record AmendmentEvent(string AmendmentId, string RecordId, int Version, string PatientId, string AuthorMspId, AmendmentStatus Status);

    internal sealed record PurgeEvent(ShareBasis Basis, string AuthorizationId, IReadOnlyList<string> PurgedRecordIds);

    internal sealed record ConfigurationEvent(IReadOnlyList<string> HospitalMspIds);
}
