using System.Text.Json.Serialization;

namespace HealthRecords.Domain;

/// <summary>The status of one version of a record (FHIR DocumentReference.status).</summary>
internal enum RecordStatus
{
    /// <summary>The version in use.</summary>
    [JsonStringEnumMemberName("current")]
    Current,

    /// <summary>Replaced by a newer version after an accepted amendment; kept, never erased.</summary>
    [JsonStringEnumMemberName("superseded")]
    Superseded,

    /// <summary>Registered by mistake; kept as evidence but no longer shared.</summary>
    [JsonStringEnumMemberName("entered-in-error")]
    EnteredInError,
}
