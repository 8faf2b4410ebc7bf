using System.Text.RegularExpressions;

namespace HealthRecords.Domain;

/// <summary>How records are created and change status: amend, never erase.</summary>
internal static partial class RecordRules
{
    /// <summary>Largest content accepted in a transaction: larger documents are stored off-chain behind a pointer document.</summary>
    public const int MaxContentBytes = 1024 * 1024;

    /// <summary>Version 1 of a new record and its private content.</summary>
    public static (HealthRecord Record, RecordContent Content) Register(
        RecordRegistration registration, ContentInput? content, string authorMspId, DateTimeOffset now)
    {
        if (registration is null)
        {
            throw HealthErrors.Invalid("registration", "is required");
        }

        var recordId = Validation.Id(registration.RecordId, "recordId");
        var patientId = Validation.Id(registration.PatientId, "patientId");
        var category = Validation.Id(registration.Category, "category");
        var typeCode = Validation.Id(registration.TypeCode, "typeCode");
        var contentType = ContentType(registration.ContentType);
        var (bytes, salt) = Content(content);
        var record = new HealthRecord
        {
            RecordId = recordId,
            Version = 1,
            PatientId = patientId,
            Category = category,
            TypeCode = typeCode,
            Status = RecordStatus.Current,
            AuthorMspId = authorMspId,
            CreatedAt = now,
            ContentType = contentType,
            ContentHash = ContentHash.Compute(salt, bytes),
        };
        return (record, new RecordContent(recordId, 1, contentType, bytes, salt));
    }

    /// <summary>
    /// The version that replaces <paramref name="current"/> after amendment <paramref name="amendmentId"/> was
    /// accepted, and the superseded old version. The old version and its content are kept.
    /// </summary>
    public static (HealthRecord Superseded, HealthRecord Next, RecordContent Content) Amend(
        HealthRecord current, string amendmentId, ContentInput? content, DateTimeOffset now)
    {
        RequireCurrent(current, "amend");
        var (bytes, salt) = Content(content);
        var next = current with
        {
            Version = current.Version + 1,
            Status = RecordStatus.Current,
            CreatedAt = now,
            ContentHash = ContentHash.Compute(salt, bytes),
            AmendmentId = amendmentId,
            StatusChangedAt = null,
        };
        var superseded = current with { Status = RecordStatus.Superseded, StatusChangedAt = now };
        return (superseded, next, new RecordContent(current.RecordId, next.Version, current.ContentType, bytes, salt));
    }

    /// <summary>The record marked as entered in error (kept as evidence, no longer shareable).</summary>
    public static HealthRecord MarkEnteredInError(HealthRecord current, DateTimeOffset now)
    {
        RequireCurrent(current, "mark as entered in error");
        return current with { Status = RecordStatus.EnteredInError, StatusChangedAt = now };
    }

    /// <summary>The newest version among <paramref name="versions"/> (the one a new action applies to).</summary>
    public static HealthRecord Latest(IReadOnlyCollection<HealthRecord> versions) =>
        versions.MaxBy(v => v.Version) ?? throw new InvalidOperationException("A record has at least one version.");

    /// <summary>Refuses an action on a version that is not current (409).</summary>
    public static void RequireCurrent(HealthRecord record, string action)
    {
        if (record.Status != RecordStatus.Current)
        {
            throw HealthErrors.Conflict(
                $"Record '{record.RecordId}' version {record.Version} is {StatusName(record.Status)}: only a current version can be used to {action}.");
        }
    }

    /// <summary>The FHIR code of a status, as it appears in JSON.</summary>
    public static string StatusName(RecordStatus status) => status switch
    {
        RecordStatus.Current => "current",
        RecordStatus.Superseded => "superseded",
        RecordStatus.EnteredInError => "entered-in-error",
        _ => status.ToString(),
    };

    private static string ContentType(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw HealthErrors.Invalid("contentType", "is required");
        }

        if (value.Length > Validation.MaxIdLength || !MimeTypePattern().IsMatch(value))
        {
            throw HealthErrors.Invalid("contentType", "must be a MIME type such as application/fhir+json");
        }

        return value;
    }

    private static (byte[] Content, byte[] Salt) Content(ContentInput? input)
    {
        if (input?.Content is not { Length: > 0 } bytes)
        {
            throw HealthErrors.Invalid("content.content", "is required in transient data 'content' (base64)");
        }

        if (bytes.Length > MaxContentBytes)
        {
            throw HealthErrors.Invalid("content.content", $"must be at most {MaxContentBytes} bytes; store larger documents off-chain and register a pointer document");
        }

        return (bytes, Validation.Salt(input.Salt, "content.salt"));
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.+-]*/[A-Za-z0-9][A-Za-z0-9.+-]*(;[ -~]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex MimeTypePattern();
}
