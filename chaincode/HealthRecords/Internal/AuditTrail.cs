using HealthRecords.Domain;

namespace HealthRecords.Internal;

/// <summary>Builds audit entries from the transaction and the caller: one entry per transaction, ID = transaction ID.</summary>
internal static class AuditTrail
{
    public static AuditEntry Entry(
        HealthLedger ledger, Caller caller, AuditEventType type, string recordId, int version, string patientId,
        AccessPurpose purpose, string? consentId = null, string? emergencyAccessId = null) => new()
    {
        AuditId = ledger.TxId,
        Type = type,
        RecordId = recordId,
        Version = version,
        PatientId = patientId,
        AgentMspId = caller.MspId,
        AgentId = caller.Id,
        RecordedAt = ledger.Now,
        Purpose = purpose,
        ConsentId = consentId,
        EmergencyAccessId = emergencyAccessId,
    };
}
