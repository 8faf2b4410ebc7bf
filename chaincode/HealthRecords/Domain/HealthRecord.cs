namespace HealthRecords.Domain;

/// <summary>
/// The public metadata of one version of a record, modelled on FHIR DocumentReference. It holds no personal
/// data: the patient is a pseudonymous ID (the <c>patientId</c> certificate attribute), and the content is
/// represented only by its salted hash. The content itself lives in the author's implicit private collection.
/// </summary>
internal sealed record HealthRecord
{
    public required string RecordId { get; init; }

    /// <summary>Starts at 1; an accepted amendment adds the next version.</summary>
    public required int Version { get; init; }

    public required string PatientId { get; init; }

    /// <summary>Category code (for example <c>laboratory</c>, <c>imaging</c>); consents may cover whole categories.</summary>
    public required string Category { get; init; }

    /// <summary>Document type code (for example a LOINC code such as <c>11502-2</c>).</summary>
    public required string TypeCode { get; init; }

    public required RecordStatus Status { get; init; }

    /// <summary>The hospital that registered the record; its implicit collection holds the content.</summary>
    public required string AuthorMspId { get; init; }

    /// <summary>Transaction time of this version.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>MIME type of the content (for example <c>application/fhir+json</c>).</summary>
    public required string ContentType { get; init; }

    /// <summary>Lowercase hex SHA-256(salt || content), see <see cref="ContentHash"/>.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The amendment that produced this version, or null for version 1.</summary>
    public string? AmendmentId { get; init; }

    /// <summary>When this version stopped being current (superseded or entered in error), else null.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }
}
