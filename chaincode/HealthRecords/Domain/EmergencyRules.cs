using System.Text;

namespace HealthRecords.Domain;

/// <summary>Break-the-glass: emergency access without consent, only with a reason, always audited.</summary>
internal static class EmergencyRules
{
    /// <summary>Longest emergency reason.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>Opens an emergency access to the current version of <paramref name="record"/>.</summary>
    public static (EmergencyAccess Access, EmergencyReason Reason) BreakTheGlass(
        HealthRecord record, string clinicianMspId, string clinicianId, string emergencyAccessId, TextInput? reason,
        HealthConfiguration configuration, DateTimeOffset now)
    {
        var text = Validation.Text(reason?.Text, "emergency.text", MaxReasonLength);
        var salt = Validation.Salt(reason!.Salt, "emergency.salt");
        if (record.Status == RecordStatus.EnteredInError)
        {
            throw HealthErrors.RuleRefused("record-entered-in-error", $"record '{record.RecordId}' was entered in error.");
        }

        var access = new EmergencyAccess
        {
            EmergencyAccessId = emergencyAccessId,
            RecordId = record.RecordId,
            Version = record.Version,
            PatientId = record.PatientId,
            AuthorMspId = record.AuthorMspId,
            GranteeMspId = clinicianMspId,
            ClinicianId = clinicianId,
            GrantedAt = now,
            ExpiresAt = now.AddMinutes(configuration.EmergencyAccessMinutes),
            ReasonHash = ContentHash.Compute(salt, Encoding.UTF8.GetBytes(text)),
        };
        return (access, new EmergencyReason(emergencyAccessId, text, salt));
    }
}
