namespace HealthRecords.Domain;

/// <summary>The public part of a new record, sent as the argument of <c>Records:RegisterRecord</c>.</summary>
internal sealed record RecordRegistration
{
    public string RecordId { get; init; } = string.Empty;

    /// <summary>The patient's pseudonymous ID (the value of the patient's <c>patientId</c> certificate attribute).</summary>
    public string PatientId { get; init; } = string.Empty;

    public string Category { get; init; } = string.Empty;

    public string TypeCode { get; init; } = string.Empty;

    public string ContentType { get; init; } = string.Empty;
}

/// <summary>
/// Private input sent as transient data (key <c>content</c>): the document, or for large documents a pointer
/// document (for example a FHIR Attachment with an URL and its own hash), and the salt of its public hash.
/// </summary>
internal sealed record ContentInput
{
    public byte[]? Content { get; init; }

    public byte[]? Salt { get; init; }
}

/// <summary>What the author's implicit collection holds for one version of a record.</summary>
internal sealed record RecordContent(string RecordId, int Version, string ContentType, byte[] Content, byte[] Salt);
