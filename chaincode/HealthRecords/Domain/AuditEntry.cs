using System.Text.Json.Serialization;

namespace HealthRecords.Domain;

/// <summary>What happened (FHIR AuditEvent.type/subtype, simplified).</summary>
internal enum AuditEventType
{
    /// <summary>A grantee hospital read a shared record under a consent.</summary>
    [JsonStringEnumMemberName("access")]
    Access,

    /// <summary>The author hospital disclosed (shared) a record to a grantee.</summary>
    [JsonStringEnumMemberName("disclosure")]
    Disclosure,

    /// <summary>A clinician broke the glass: access without consent, with a reason.</summary>
    [JsonStringEnumMemberName("emergencyOverride")]
    EmergencyOverride,
}

/// <summary>
/// One entry of the access log, modelled on FHIR AuditEvent: who (organization and client identity), which
/// record, when (transaction timestamp), for what purpose, under which consent or emergency access. Written
/// by a submitted transaction, so it is on every peer's ledger and cannot be changed.
/// </summary>
internal sealed record AuditEntry
{
    /// <summary>The transaction ID of the audited transaction (one audit entry per transaction).</summary>
    public required string AuditId { get; init; }

    public required AuditEventType Type { get; init; }

    public required string RecordId { get; init; }

    public required int Version { get; init; }

    public required string PatientId { get; init; }

    /// <summary>The organization of the agent.</summary>
    public required string AgentMspId { get; init; }

    /// <summary>The agent's Fabric client identity ID.</summary>
    public required string AgentId { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required AccessPurpose Purpose { get; init; }

    /// <summary>The consent the access relied on, or null.</summary>
    public string? ConsentId { get; init; }

    /// <summary>The break-the-glass access the entry belongs to, or null.</summary>
    public string? EmergencyAccessId { get; init; }
}
