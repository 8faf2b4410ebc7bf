using System.Text.Json.Serialization;

namespace HealthRecords.Domain;

/// <summary>Where a patient's amendment request stands.</summary>
internal enum AmendmentStatus
{
    [JsonStringEnumMemberName("requested")]
    Requested,

    /// <summary>The author made a new version of the record; the old one is superseded.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>The author refused and appended a reason; the record is unchanged.</summary>
    [JsonStringEnumMemberName("denied")]
    Denied,
}

/// <summary>
/// The public trace of a patient's amendment request (HIPAA right to amend). The texts of the request and of a
/// denial are private (author's implicit collection); only their salted hashes are public.
/// </summary>
internal sealed record Amendment
{
    public required string AmendmentId { get; init; }

    public required string RecordId { get; init; }

    /// <summary>The version the patient asked to amend.</summary>
    public required int Version { get; init; }

    public required string PatientId { get; init; }

    public required string AuthorMspId { get; init; }

    public required AmendmentStatus Status { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public required string RequestHash { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The version created by an accepted amendment.</summary>
    public int? ResultingVersion { get; init; }

    /// <summary>Salted hash of the denial reason, when denied.</summary>
    public string? DenialReasonHash { get; init; }
}

/// <summary>A private text (amendment request, denial reason, emergency reason) with the salt of its public hash; sent as transient data.</summary>
internal sealed record TextInput
{
    public string? Text { get; init; }

    public byte[]? Salt { get; init; }
}

/// <summary>What the author's implicit collection holds for an amendment.</summary>
internal sealed record AmendmentTexts(string AmendmentId, string RequestText, byte[] RequestSalt, string? DenialReason, byte[]? DenialSalt);
