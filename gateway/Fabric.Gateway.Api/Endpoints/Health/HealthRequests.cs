using System.Text.Json.Serialization;
using Fabric.Gateway.Api.Endpoints.Internal;

namespace Fabric.Gateway.Api.Endpoints.Health;

/// <summary>The health chaincode's configuration (public): the hospitals and the access time windows.</summary>
public sealed record HealthConfigurationRequest(IReadOnlyList<string?>? HospitalMspIds, int? AccessTicketMinutes, int? EmergencyAccessMinutes)
    : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.List(HospitalMspIds, "hospitalMspIds", 2, 50, (mspId, field) => errors.Required(mspId, field, Formats.HospitalMspId));
        if (HospitalMspIds is not null && HospitalMspIds.Distinct(StringComparer.Ordinal).Count() != HospitalMspIds.Count)
        {
            errors.Add("hospitalMspIds", "must not list an MSP ID twice.");
        }

        if (AccessTicketMinutes is { } ticket)
        {
            errors.Range(ticket, "accessTicketMinutes", 1, 1440);
        }

        if (EmergencyAccessMinutes is { } emergency)
        {
            errors.Range(emergency, "emergencyAccessMinutes", 1, 10080);
        }
    }
}

/// <summary>
/// A clinician registers a record for a patient. The public part (IDs, codes, content type) is the transaction's
/// argument; <see cref="Content"/> (base64 in JSON) goes only to the transient data <c>content</c>.
/// </summary>
public sealed record RegisterRecordRequest(string? RecordId, string? PatientId, string? Category, string? TypeCode, string? ContentType, byte[]? Content)
    : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(RecordId, "recordId", Formats.HealthId);
        errors.Required(PatientId, "patientId", Formats.HealthId);
        errors.Required(Category, "category", Formats.HealthId);
        errors.Required(TypeCode, "typeCode", Formats.HealthId);
        errors.Required(ContentType, "contentType", Formats.MimeType);
        HealthContent.Validate(Content, errors);
    }
}

/// <summary>The author accepts an amendment with the amended content (base64; transient <c>content</c>).</summary>
public sealed record AcceptAmendmentContentRequest(byte[]? Content) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors) => HealthContent.Validate(Content, errors);
}

/// <summary>A patient asks to amend their record; the text is private (transient <c>amendment</c>).</summary>
public sealed record RequestAmendmentRequest(string? Text) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors) => errors.Text(Text, "text", HealthContent.MaxAmendmentTextLength);
}

/// <summary>The author denies an amendment; the reason is private (transient <c>denial</c>).</summary>
public sealed record DenyAmendmentRequest(string? Reason) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors) => errors.Text(Reason, "reason", HealthContent.MaxAmendmentTextLength);
}

/// <summary>A clinician's reason to break the glass (transient <c>emergency</c>).</summary>
public sealed record BreakTheGlassRequest(string? Reason) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors) => errors.Text(Reason, "reason", HealthContent.MaxEmergencyReasonLength);
}

/// <summary>A patient grants a hospital access to some of their records for a purpose and a period (public).</summary>
public sealed record GrantConsentRequest(
    string? ConsentId,
    string? PatientId,
    string? GranteeMspId,
    ConsentScopeInput? Scope,
    AccessPurpose? Purpose,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    bool Draft) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(ConsentId, "consentId", Formats.HealthId);
        errors.Optional(PatientId, "patientId", Formats.HealthId);
        errors.Required(GranteeMspId, "granteeMspId", Formats.HospitalMspId);
        if (errors.Present(Scope, "scope"))
        {
            errors.List(Scope!.Categories, "scope.categories", 0, 100, (category, field) => errors.Required(category, field, Formats.HealthId));
            errors.List(Scope.RecordIds, "scope.recordIds", 0, 100, (recordId, field) => errors.Required(recordId, field, Formats.HealthId));
            if ((Scope.Categories?.Count ?? 0) + (Scope.RecordIds?.Count ?? 0) == 0)
            {
                errors.Add("scope", "must list at least one category or record ID.");
            }
        }

        errors.Present(PeriodEnd, "periodEnd");
        if (PeriodEnd <= PeriodStart)
        {
            errors.Add("periodEnd", "must be after periodStart.");
        }
    }
}

/// <summary>Which records a consent covers: every record of the categories, and the listed records.</summary>
public sealed record ConsentScopeInput(IReadOnlyList<string?>? Categories, IReadOnlyList<string?>? RecordIds);

/// <summary>A clinician of the grantee records an access to a shared record under a consent, for a purpose.</summary>
public sealed record RequestAccessRequest(string? ConsentId, AccessPurpose? Purpose) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(ConsentId, "consentId", Formats.HealthId);
        errors.Present(Purpose, "purpose");
    }
}

/// <summary>The author shares the current version of a record under a consent.</summary>
public sealed record ShareRecordRequest(string? ConsentId) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors) => errors.Required(ConsentId, "consentId", Formats.HealthId);
}

/// <summary>Why the data is used (FHIR Consent.provision.purpose).</summary>
public enum AccessPurpose
{
    [JsonStringEnumMemberName("treatment")]
    Treatment = 1,

    [JsonStringEnumMemberName("emergencyTreatment")]
    EmergencyTreatment = 2,

    [JsonStringEnumMemberName("research")]
    Research = 3,

    [JsonStringEnumMemberName("payment")]
    Payment = 4,

    [JsonStringEnumMemberName("operations")]
    Operations = 5,

    [JsonStringEnumMemberName("publicHealth")]
    PublicHealth = 6,
}

/// <summary>What authorizes a share (used in routes).</summary>
internal enum ShareBasis
{
    [JsonStringEnumMemberName("consent")]
    Consent,

    [JsonStringEnumMemberName("emergency")]
    Emergency,
}

/// <summary>The rules on record content shared by registration and accepted amendments.</summary>
internal static class HealthContent
{
    /// <summary>The chaincode's limit; larger documents are stored off-chain behind a pointer document.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const int MaxAmendmentTextLength = 4000;

    public const int MaxEmergencyReasonLength = 2000;

    /// <summary>Room for <see cref="MaxBytes"/> in base64 plus the other fields.</summary>
    public const int MaxBodyBytes = (MaxBytes / 3 * 4) + (64 * 1024);

    public static void Validate(byte[]? content, RequestErrors errors)
    {
        if (content is not { Length: > 0 })
        {
            errors.Add("content", "is required (base64).");
        }
        else if (content.Length > MaxBytes)
        {
            errors.Add("content", $"must be at most {MaxBytes} bytes; store larger documents off-chain and register a pointer document.");
        }
    }

    /// <summary>The transient value the contracts bind as ContentInput: content and salt, both base64.</summary>
    public static object Transient(byte[] content) => new { content, salt = Salts.NewBytes() };

    /// <summary>The transient value the contracts bind as TextInput: text and salt (base64).</summary>
    public static object Text(string text) => new { text, salt = Salts.NewBytes() };
}
