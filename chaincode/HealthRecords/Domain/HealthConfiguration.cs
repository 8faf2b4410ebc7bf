namespace HealthRecords.Domain;

/// <summary>
/// The chaincode's configuration, stored in public state by <c>Configuration:Initialize</c>: which MSPs are
/// hospitals (the role-to-organization mapping; patients and clinicians are client identities of a hospital),
/// and the time windows of access tickets and emergency access. Nothing here is hard-coded in the chaincode, so
/// the same code runs on our dev network (HospitalAMSP, HospitalBMSP, ...) and on fabric-samples (Org1MSP, Org2MSP).
/// </summary>
internal sealed record HealthConfiguration
{
    /// <summary>Default of <see cref="AccessTicketMinutes"/>.</summary>
    public const int DefaultAccessTicketMinutes = 15;

    /// <summary>Default of <see cref="EmergencyAccessMinutes"/>.</summary>
    public const int DefaultEmergencyAccessMinutes = 24 * 60;

    /// <summary>MSP IDs of the hospitals (at least two, letters, digits and '-' only: they form collection names).</summary>
    public IReadOnlyList<string> HospitalMspIds { get; init; } = [];

    /// <summary>
    /// How long after an audited access (<c>Sharing:RequestAccess</c> or <c>Emergency:BreakTheGlass</c>) the
    /// content may be fetched with the returned audit ID. Default 15 minutes; 1 to 1440.
    /// </summary>
    public int AccessTicketMinutes { get; init; } = DefaultAccessTicketMinutes;

    /// <summary>How long a break-the-glass access lasts. Default 24 hours (1440 minutes); 1 to 10080 (7 days).</summary>
    public int EmergencyAccessMinutes { get; init; } = DefaultEmergencyAccessMinutes;

    /// <summary>True when <paramref name="mspId"/> is a configured hospital.</summary>
    public bool IsHospital(string mspId) => HospitalMspIds.Contains(mspId, StringComparer.Ordinal);

    /// <summary>Checks every field; the exception names the first bad one.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">400 naming the field.</exception>
    public HealthConfiguration Validated()
    {
        if (HospitalMspIds is null || HospitalMspIds.Count < 2)
        {
            throw HealthErrors.Invalid("hospitalMspIds", "must list at least two hospital MSP IDs");
        }

        foreach (var mspId in HospitalMspIds)
        {
            if (!CollectionNames.IsUsableMspId(mspId))
            {
                throw HealthErrors.Invalid("hospitalMspIds", "must contain only MSP IDs of 1 to 64 letters, digits or '-' (they form collection names)");
            }
        }

        if (HospitalMspIds.Distinct(StringComparer.Ordinal).Count() != HospitalMspIds.Count)
        {
            throw HealthErrors.Invalid("hospitalMspIds", "must not list an MSP ID twice");
        }

        if (AccessTicketMinutes is < 1 or > 1440)
        {
            throw HealthErrors.Invalid("accessTicketMinutes", "must be between 1 and 1440");
        }

        if (EmergencyAccessMinutes is < 1 or > 10080)
        {
            throw HealthErrors.Invalid("emergencyAccessMinutes", "must be between 1 and 10080");
        }

        return this with { HospitalMspIds = HospitalMspIds.Order(StringComparer.Ordinal).ToArray() };
    }
}
