using Microsoft.Extensions.Logging;

namespace HealthRecords.Internal;

/// <summary>Source-generated log messages with fixed event IDs. IDs and counts only: never content, texts or reasons.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Configuration set: {HospitalCount} hospitals")]
    public static partial void ConfigurationSet(ILogger logger, int hospitalCount);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Record {RecordId} version {Version} registered by {AuthorMspId}")]
    public static partial void RecordStored(ILogger logger, string recordId, int version, string authorMspId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Consent {ConsentId} is now {Status}; {PurgedCount} shared copies purged")]
    public static partial void ConsentChanged(ILogger logger, string consentId, Domain.ConsentStatus status, int purgedCount);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Record {RecordId} shared with {GranteeMspId} in {Collection}")]
    public static partial void RecordShared(ILogger logger, string recordId, string granteeMspId, string collection);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Access {AuditId} of type {Type} to record {RecordId} by {AgentMspId}")]
    public static partial void AccessAudited(ILogger logger, string auditId, string type, string recordId, string agentMspId);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Emergency access {EmergencyAccessId} to record {RecordId} by {GranteeMspId}")]
    public static partial void EmergencyAccess(ILogger logger, string emergencyAccessId, string recordId, string granteeMspId);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Error, Message = "Shared copy of record {RecordId} under {AuthorizationId} does not match its public hash")]
    public static partial void IntegrityFailure(ILogger logger, string recordId, string authorizationId);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Information, Message = "Amendment {AmendmentId} of record {RecordId} is now {Status}")]
    public static partial void AmendmentChanged(ILogger logger, string amendmentId, string recordId, string status);
}
