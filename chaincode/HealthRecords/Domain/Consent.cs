using System.Text.Json.Serialization;

namespace HealthRecords.Domain;

/// <summary>The status of a consent (FHIR Consent.status, the subset this process uses).</summary>
internal enum ConsentStatus
{
    /// <summary>Prepared by the patient, not yet in force.</summary>
    [JsonStringEnumMemberName("draft")]
    Draft,

    /// <summary>In force (within its period).</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Revoked by the patient or expired; shared copies are purged.</summary>
    [JsonStringEnumMemberName("inactive")]
    Inactive,

    /// <summary>Created by mistake; never grants access.</summary>
    [JsonStringEnumMemberName("entered-in-error")]
    EnteredInError,
}

/// <summary>Why the data is used (FHIR Consent.provision.purpose, v3 ActReason codes in parentheses).</summary>
internal enum AccessPurpose
{
    /// <summary>Treatment (TREAT).</summary>
    [JsonStringEnumMemberName("treatment")]
    Treatment,

    /// <summary>Emergency treatment (ETREAT): the purpose of every break-the-glass access.</summary>
    [JsonStringEnumMemberName("emergencyTreatment")]
    EmergencyTreatment,

    /// <summary>Research (HRESCH).</summary>
    [JsonStringEnumMemberName("research")]
    Research,

    /// <summary>Payment (HPAYMT).</summary>
    [JsonStringEnumMemberName("payment")]
    Payment,

    /// <summary>Healthcare operations (HOPERAT).</summary>
    [JsonStringEnumMemberName("operations")]
    Operations,

    /// <summary>Public health (PUBHLTH).</summary>
    [JsonStringEnumMemberName("publicHealth")]
    PublicHealth,
}

/// <summary>Which records a consent covers: every record of the listed categories, and the listed records.</summary>
internal sealed record ConsentScope
{
    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> RecordIds { get; init; } = [];
}

/// <summary>
/// A patient's consent for one grantee hospital, modelled on FHIR Consent. Public: it holds only the patient's
/// pseudonymous ID, the grantee's MSP ID, codes and dates.
/// </summary>
internal sealed record Consent
{
    public required string ConsentId { get; init; }

    public required string PatientId { get; init; }

    public required string GranteeMspId { get; init; }

    public required ConsentScope Scope { get; init; }

    public required AccessPurpose Purpose { get; init; }

    /// <summary>First instant of validity (inclusive).</summary>
    public required DateTimeOffset PeriodStart { get; init; }

    /// <summary>End of validity (exclusive).</summary>
    public required DateTimeOffset PeriodEnd { get; init; }

    public required ConsentStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the status last changed (activation, revocation, expiry, error), else null.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }
}

/// <summary>What a patient sends to <c>Consents:GrantConsent</c>.</summary>
internal sealed record ConsentRequest
{
    public string ConsentId { get; init; } = string.Empty;

    /// <summary>
    /// Optional: the patient the consent is for. The patient is always the caller's certificate <c>patientId</c>;
    /// naming anyone else is refused (403), so a client cannot believe it granted for someone else.
    /// </summary>
    public string? PatientId { get; init; }

    public string GranteeMspId { get; init; } = string.Empty;

    public ConsentScope? Scope { get; init; }

    public AccessPurpose Purpose { get; init; } = AccessPurpose.Treatment;

    public DateTimeOffset? PeriodStart { get; init; }

    public DateTimeOffset? PeriodEnd { get; init; }

    /// <summary>True to create the consent as a draft (activated later by <c>Consents:ActivateConsent</c>). Default false: active at once.</summary>
    public bool Draft { get; init; }
}
