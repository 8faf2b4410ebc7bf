using HealthRecords.Domain;

namespace HealthRecords.Contracts;

/// <summary>An amendment with its private texts, for the patient and the author hospital (evaluate only: never in a block).</summary>
internal sealed record AmendmentView(Amendment Amendment, string? RequestText, string? DenialReason);

/// <summary>
/// What a grantee receives from <c>Sharing:ReadSharedRecord</c> (evaluate only, so the content never enters a
/// block): the public metadata of the shared version, the content and salt, and the result of checking
/// SHA-256(salt || content) against the public hash (always true: a mismatch fails the read).
/// </summary>
internal sealed record SharedRecordView(
    HealthRecord Record, string AuditId, string ContentType, byte[] Content, byte[] Salt, string ContentHash, bool HashVerified);

/// <summary>The result of a break-the-glass: the emergency access and the audit entry that records it.</summary>
internal sealed record EmergencyAccessResult(EmergencyAccess EmergencyAccess, AuditEntry AuditEntry);

/// <summary>The private reason of an emergency access, for the patient and the clinician's hospital.</summary>
internal sealed record EmergencyReasonView(EmergencyAccess EmergencyAccess, string Reason);
