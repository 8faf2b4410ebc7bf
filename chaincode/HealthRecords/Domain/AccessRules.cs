namespace HealthRecords.Domain;

/// <summary>
/// Whether a hospital may receive or read a record: under a consent (exists, active, in its period at the
/// transaction timestamp, for this grantee and patient, covering the record and the purpose) or under a
/// break-the-glass emergency access (for this organization and record, not expired).
/// </summary>
internal static class AccessRules
{
    /// <summary>Decides access to <paramref name="record"/> by <paramref name="requesterMspId"/> for <paramref name="purpose"/> at <paramref name="now"/>.</summary>
    public static AccessDecision Decide(Consent consent, HealthRecord record, string requesterMspId, AccessPurpose purpose, DateTimeOffset now)
    {
        if (consent.Status != ConsentStatus.Active)
        {
            return AccessDecision.Deny(AccessDenial.ConsentNotActive, $"consent '{consent.ConsentId}' is not active.");
        }

        if (now < consent.PeriodStart)
        {
            return AccessDecision.Deny(AccessDenial.ConsentNotStarted, $"consent '{consent.ConsentId}' is not in force yet.");
        }

        if (now >= consent.PeriodEnd)
        {
            return AccessDecision.Deny(AccessDenial.ConsentExpired, $"consent '{consent.ConsentId}' has expired.");
        }

        if (!string.Equals(consent.GranteeMspId, requesterMspId, StringComparison.Ordinal))
        {
            return AccessDecision.Deny(AccessDenial.OtherGrantee, $"consent '{consent.ConsentId}' was not granted to {requesterMspId}.");
        }

        if (!string.Equals(consent.PatientId, record.PatientId, StringComparison.Ordinal))
        {
            return AccessDecision.Deny(AccessDenial.OtherPatient, $"consent '{consent.ConsentId}' is not from the patient of record '{record.RecordId}'.");
        }

        if (!Covers(consent.Scope, record))
        {
            return AccessDecision.Deny(AccessDenial.RecordNotCovered, $"consent '{consent.ConsentId}' does not cover record '{record.RecordId}'.");
        }

        if (consent.Purpose != purpose)
        {
            return AccessDecision.Deny(AccessDenial.PurposeMismatch, $"consent '{consent.ConsentId}' does not allow this purpose.");
        }

        if (record.Status == RecordStatus.EnteredInError)
        {
            return AccessDecision.Deny(AccessDenial.RecordEnteredInError, $"record '{record.RecordId}' was entered in error.");
        }

        return AccessDecision.Permit;
    }

    /// <summary>Decides access to <paramref name="record"/> under a break-the-glass access.</summary>
    public static AccessDecision Decide(EmergencyAccess emergency, HealthRecord record, string requesterMspId, DateTimeOffset now)
    {
        if (!string.Equals(emergency.GranteeMspId, requesterMspId, StringComparison.Ordinal) ||
            !string.Equals(emergency.RecordId, record.RecordId, StringComparison.Ordinal))
        {
            return AccessDecision.Deny(AccessDenial.OtherGrantee, $"emergency access '{emergency.EmergencyAccessId}' is not for {requesterMspId} and record '{record.RecordId}'.");
        }

        if (now >= emergency.ExpiresAt)
        {
            return AccessDecision.Deny(AccessDenial.EmergencyExpired, $"emergency access '{emergency.EmergencyAccessId}' has expired.");
        }

        return AccessDecision.Permit;
    }

    /// <summary>True when the scope lists the record or its category.</summary>
    public static bool Covers(ConsentScope scope, HealthRecord record) =>
        scope.RecordIds.Contains(record.RecordId, StringComparer.Ordinal) ||
        scope.Categories.Contains(record.Category, StringComparer.Ordinal);
}
