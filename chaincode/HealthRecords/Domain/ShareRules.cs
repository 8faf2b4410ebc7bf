namespace HealthRecords.Domain;

/// <summary>How a record is shared with a grantee and how the shared copy ends.</summary>
internal static class ShareRules
{
    /// <summary>The share of <paramref name="record"/> with <paramref name="granteeMspId"/>, once the access decision permitted it.</summary>
    public static RecordShare Share(
        HealthRecord record, ShareBasis basis, string authorizationId, string granteeMspId, DateTimeOffset now)
    {
        if (string.Equals(granteeMspId, record.AuthorMspId, StringComparison.Ordinal))
        {
            throw HealthErrors.RuleRefused("share-to-author", $"record '{record.RecordId}' already belongs to {granteeMspId}; sharing needs another hospital.");
        }

        RecordRules.RequireCurrent(record, "share");
        return new RecordShare
        {
            Basis = basis,
            AuthorizationId = authorizationId,
            RecordId = record.RecordId,
            Version = record.Version,
            PatientId = record.PatientId,
            AuthorMspId = record.AuthorMspId,
            GranteeMspId = granteeMspId,
            Collection = CollectionNames.Pair(record.AuthorMspId, granteeMspId),
            ContentHash = record.ContentHash,
            Status = ShareStatus.Shared,
            SharedAt = now,
        };
    }

    /// <summary>The share after its copy was purged.</summary>
    public static RecordShare Purge(RecordShare share, DateTimeOffset now) =>
        share.Status == ShareStatus.Purged
            ? throw HealthErrors.Conflict($"The copy of record '{share.RecordId}' shared under '{share.AuthorizationId}' was already purged.")
            : share with { Status = ShareStatus.Purged, PurgedAt = now };

    /// <summary>True when the shared copy is what the public record says (hash over salt and content).</summary>
    public static bool Verify(SharedContent copy, RecordShare share) =>
        ContentHash.Verify(copy.Salt, copy.Content, share.ContentHash);
}
