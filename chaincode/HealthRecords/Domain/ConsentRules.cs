namespace HealthRecords.Domain;

/// <summary>How consents are created and change status. Every time is the transaction timestamp.</summary>
internal static class ConsentRules
{
    /// <summary>Most categories or record IDs one consent may list.</summary>
    public const int MaxScopeEntries = 100;

    /// <summary>A new consent of patient <paramref name="patientId"/> (taken from the caller's certificate, never from the request).</summary>
    public static Consent Grant(ConsentRequest request, string patientId, HealthConfiguration configuration, DateTimeOffset now)
    {
        if (request is null)
        {
            throw HealthErrors.Invalid("consent", "is required");
        }

        if (request.PatientId is not null && !string.Equals(request.PatientId, patientId, StringComparison.Ordinal))
        {
            throw HealthErrors.Forbidden("A patient may only grant consents for themselves (patientId must match the caller's certificate).");
        }

        var consentId = Validation.Id(request.ConsentId, "consentId");
        var grantee = Validation.Id(request.GranteeMspId, "granteeMspId");
        if (!configuration.IsHospital(grantee))
        {
            throw HealthErrors.Invalid("granteeMspId", "must be the MSP ID of a configured hospital");
        }

        var scope = Scope(request.Scope);
        if (!Enum.IsDefined(request.Purpose))
        {
            throw HealthErrors.Invalid("purpose", "is not a known purpose");
        }

        var start = request.PeriodStart ?? now;
        if (request.PeriodEnd is not { } end)
        {
            throw HealthErrors.Invalid("periodEnd", "is required");
        }

        if (end <= start)
        {
            throw HealthErrors.Invalid("periodEnd", "must be after periodStart");
        }

        if (end <= now)
        {
            throw HealthErrors.Invalid("periodEnd", "must be in the future (after the transaction timestamp)");
        }

        return new Consent
        {
            ConsentId = consentId,
            PatientId = patientId,
            GranteeMspId = grantee,
            Scope = scope,
            Purpose = request.Purpose,
            PeriodStart = start.ToUniversalTime(),
            PeriodEnd = end.ToUniversalTime(),
            Status = request.Draft ? ConsentStatus.Draft : ConsentStatus.Active,
            CreatedAt = now,
        };
    }

    /// <summary>A draft put in force.</summary>
    public static Consent Activate(Consent consent, DateTimeOffset now)
    {
        if (consent.Status != ConsentStatus.Draft)
        {
            throw HealthErrors.Conflict($"Consent '{consent.ConsentId}' is not a draft.");
        }

        if (consent.PeriodEnd <= now)
        {
            throw HealthErrors.RuleRefused("consent-period", $"consent '{consent.ConsentId}' ended before it was activated.");
        }

        return consent with { Status = ConsentStatus.Active, StatusChangedAt = now };
    }

    /// <summary>Revoked by the patient: inactive from now on (a draft may be revoked too).</summary>
    public static Consent Revoke(Consent consent, DateTimeOffset now)
    {
        if (consent.Status is not (ConsentStatus.Active or ConsentStatus.Draft))
        {
            throw HealthErrors.Conflict($"Consent '{consent.ConsentId}' is not active or draft and cannot be revoked.");
        }

        return consent with { Status = ConsentStatus.Inactive, StatusChangedAt = now };
    }

    /// <summary>Marked as created by mistake (never grants access again).</summary>
    public static Consent MarkEnteredInError(Consent consent, DateTimeOffset now)
    {
        if (consent.Status is ConsentStatus.EnteredInError)
        {
            throw HealthErrors.Conflict($"Consent '{consent.ConsentId}' is already entered-in-error.");
        }

        return consent with { Status = ConsentStatus.EnteredInError, StatusChangedAt = now };
    }

    /// <summary>An active consent whose period ended, made inactive (anyone may record the expiry; the period decides).</summary>
    public static Consent Expire(Consent consent, DateTimeOffset now)
    {
        if (consent.Status != ConsentStatus.Active)
        {
            throw HealthErrors.Conflict($"Consent '{consent.ConsentId}' is not active.");
        }

        if (now < consent.PeriodEnd)
        {
            throw HealthErrors.RuleRefused("consent-period", $"consent '{consent.ConsentId}' has not expired yet.");
        }

        return consent with { Status = ConsentStatus.Inactive, StatusChangedAt = now };
    }

    private static ConsentScope Scope(ConsentScope? scope)
    {
        var categories = scope?.Categories ?? [];
        var recordIds = scope?.RecordIds ?? [];
        if (categories.Count == 0 && recordIds.Count == 0)
        {
            throw HealthErrors.Invalid("scope", "must list at least one category or record ID");
        }

        if (categories.Count > MaxScopeEntries || recordIds.Count > MaxScopeEntries)
        {
            throw HealthErrors.Invalid("scope", $"must list at most {MaxScopeEntries} categories and {MaxScopeEntries} record IDs");
        }

        return new ConsentScope
        {
            Categories = categories.Select(c => Validation.Id(c, "scope.categories")).Distinct(StringComparer.Ordinal).ToArray(),
            RecordIds = recordIds.Select(r => Validation.Id(r, "scope.recordIds")).Distinct(StringComparer.Ordinal).ToArray(),
        };
    }
}
