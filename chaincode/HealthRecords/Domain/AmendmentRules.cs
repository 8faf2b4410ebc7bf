using System.Text;

namespace HealthRecords.Domain;

/// <summary>The HIPAA-style amendment process: the patient asks, the author accepts (new version) or denies (with a reason).</summary>
internal static class AmendmentRules
{
    /// <summary>Longest amendment request or denial reason.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>A new request by patient <paramref name="patientId"/> against the current version of <paramref name="record"/>.</summary>
    public static (Amendment Amendment, AmendmentTexts Texts) Request(
        HealthRecord record, string patientId, string amendmentId, TextInput? input, DateTimeOffset now)
    {
        if (!string.Equals(record.PatientId, patientId, StringComparison.Ordinal))
        {
            throw HealthErrors.Forbidden($"Only the patient of record '{record.RecordId}' may request an amendment of it.");
        }

        RecordRules.RequireCurrent(record, "request an amendment");
        var (text, salt) = Text(input, "amendment");
        var amendment = new Amendment
        {
            AmendmentId = amendmentId,
            RecordId = record.RecordId,
            Version = record.Version,
            PatientId = patientId,
            AuthorMspId = record.AuthorMspId,
            Status = AmendmentStatus.Requested,
            RequestedAt = now,
            RequestHash = ContentHash.Compute(salt, Encoding.UTF8.GetBytes(text)),
        };
        return (amendment, new AmendmentTexts(amendmentId, text, salt, null, null));
    }

    /// <summary>Accepts: the caller then writes the version returned by <see cref="RecordRules.Amend"/>.</summary>
    public static Amendment Accept(Amendment amendment, HealthRecord current, DateTimeOffset now)
    {
        RequirePending(amendment, current);
        return amendment with { Status = AmendmentStatus.Accepted, DecidedAt = now, ResultingVersion = current.Version + 1 };
    }

    /// <summary>Denies with a reason, which is appended privately to the request; the record is unchanged.</summary>
    public static (Amendment Amendment, AmendmentTexts Texts) Deny(
        Amendment amendment, AmendmentTexts texts, HealthRecord current, TextInput? reason, DateTimeOffset now)
    {
        RequirePending(amendment, current);
        var (text, salt) = Text(reason, "denial");
        var denied = amendment with
        {
            Status = AmendmentStatus.Denied,
            DecidedAt = now,
            DenialReasonHash = ContentHash.Compute(salt, Encoding.UTF8.GetBytes(text)),
        };
        return (denied, texts with { DenialReason = text, DenialSalt = salt });
    }

    private static void RequirePending(Amendment amendment, HealthRecord current)
    {
        if (amendment.Status != AmendmentStatus.Requested)
        {
            throw HealthErrors.Conflict($"Amendment '{amendment.AmendmentId}' was already decided.");
        }

        if (current.Version != amendment.Version || current.Status != RecordStatus.Current)
        {
            throw HealthErrors.Conflict(
                $"Amendment '{amendment.AmendmentId}' asked to amend version {amendment.Version} of record '{amendment.RecordId}', which is no longer the current version.");
        }
    }

    private static (string Text, byte[] Salt) Text(TextInput? input, string transientKey)
    {
        var text = Validation.Text(input?.Text, transientKey + ".text", MaxTextLength);
        return (text, Validation.Salt(input!.Salt, transientKey + ".salt"));
    }
}
