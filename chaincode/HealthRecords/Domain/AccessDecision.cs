using System.Text.Json.Serialization;

namespace HealthRecords.Domain;

/// <summary>Why an access was refused; each value is a rule named in the 422 message.</summary>
internal enum AccessDenial
{
    [JsonStringEnumMemberName("consent-not-active")]
    ConsentNotActive,

    [JsonStringEnumMemberName("consent-not-started")]
    ConsentNotStarted,

    [JsonStringEnumMemberName("consent-expired")]
    ConsentExpired,

    [JsonStringEnumMemberName("consent-other-grantee")]
    OtherGrantee,

    [JsonStringEnumMemberName("consent-other-patient")]
    OtherPatient,

    [JsonStringEnumMemberName("consent-scope")]
    RecordNotCovered,

    [JsonStringEnumMemberName("consent-purpose")]
    PurposeMismatch,

    [JsonStringEnumMemberName("record-entered-in-error")]
    RecordEnteredInError,

    [JsonStringEnumMemberName("emergency-access-expired")]
    EmergencyExpired,
}

/// <summary>The outcome of an access check: permitted, or the rule that refused it and why (IDs only).</summary>
internal sealed record AccessDecision(bool IsPermitted, AccessDenial? Denial, string Explanation)
{
    public static AccessDecision Permit { get; } = new(true, null, "permitted");

    public static AccessDecision Deny(AccessDenial denial, string explanation) => new(false, denial, explanation);

    /// <summary>The rule name as it appears in JSON and in 422 messages.</summary>
    public string RuleName => Denial switch
    {
        null => "none",
        AccessDenial.ConsentNotActive => "consent-not-active",
        AccessDenial.ConsentNotStarted => "consent-not-started",
        AccessDenial.ConsentExpired => "consent-expired",
        AccessDenial.OtherGrantee => "consent-other-grantee",
        AccessDenial.OtherPatient => "consent-other-patient",
        AccessDenial.RecordNotCovered => "consent-scope",
        AccessDenial.PurposeMismatch => "consent-purpose",
        AccessDenial.RecordEnteredInError => "record-entered-in-error",
        AccessDenial.EmergencyExpired => "emergency-access-expired",
        _ => Denial.Value.ToString(),
    };

    /// <summary>Throws the 422 of a refusal; does nothing when permitted.</summary>
    public void ThrowIfDenied()
    {
        if (!IsPermitted)
        {
            throw HealthErrors.RuleRefused(RuleName, Explanation);
        }
    }
}
