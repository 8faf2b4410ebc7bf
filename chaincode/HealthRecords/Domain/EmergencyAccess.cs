namespace HealthRecords.Domain;

/// <summary>
/// A break-the-glass access: a clinician of <see cref="GranteeMspId"/> reads a record without consent, for a
/// limited time, for a reason. The reason text is private (the clinician's hospital's implicit collection); its
/// salted hash is public, so the patient can later be shown the reason and check it was not changed.
/// </summary>
internal sealed record EmergencyAccess
{
    public required string EmergencyAccessId { get; init; }

    public required string RecordId { get; init; }

    public required int Version { get; init; }

    public required string PatientId { get; init; }

    public required string AuthorMspId { get; init; }

    public required string GranteeMspId { get; init; }

    /// <summary>The clinician's identity (Fabric client identity ID: subject and issuer of the certificate).</summary>
    public required string ClinicianId { get; init; }

    public required DateTimeOffset GrantedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required string ReasonHash { get; init; }
}

/// <summary>What the clinician's hospital keeps privately about an emergency access.</summary>
internal sealed record EmergencyReason(string EmergencyAccessId, string Reason, byte[] Salt);
