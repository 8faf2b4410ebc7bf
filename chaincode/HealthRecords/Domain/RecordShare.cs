using System.Text.Json.Serialization;

namespace HealthRecords.Domain;

/// <summary>What authorizes a share: a patient's consent or a clinician's break-the-glass access.</summary>
internal enum ShareBasis
{
    [JsonStringEnumMemberName("consent")]
    Consent,

    [JsonStringEnumMemberName("emergency")]
    Emergency,
}

/// <summary>Whether the shared copy still exists.</summary>
internal enum ShareStatus
{
    [JsonStringEnumMemberName("shared")]
    Shared,

    /// <summary>The copy was purged from the pairwise collection (PurgePrivateData); only the hash remains as evidence.</summary>
    [JsonStringEnumMemberName("purged")]
    Purged,
}

/// <summary>The public trace of a record copied into the pairwise collection of its author and a grantee.</summary>
internal sealed record RecordShare
{
    public required ShareBasis Basis { get; init; }

    /// <summary>The consent ID or emergency access ID.</summary>
    public required string AuthorizationId { get; init; }

    public required string RecordId { get; init; }

    public required int Version { get; init; }

    public required string PatientId { get; init; }

    public required string AuthorMspId { get; init; }

    public required string GranteeMspId { get; init; }

    /// <summary>The pairwise collection holding the copy.</summary>
    public required string Collection { get; init; }

    /// <summary>The hash of the shared content (equal to the record version's content hash).</summary>
    public required string ContentHash { get; init; }

    public required ShareStatus Status { get; init; }

    public required DateTimeOffset SharedAt { get; init; }

    public DateTimeOffset? PurgedAt { get; init; }
}

/// <summary>What the pairwise collection holds for one share: the content with its salt, so the grantee can verify the public hash.</summary>
internal sealed record SharedContent(string RecordId, int Version, string ContentType, byte[] Content, byte[] Salt);
