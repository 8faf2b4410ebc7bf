using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using HealthRecords.Domain;
using HealthRecords.Internal;

namespace HealthRecords.Contracts;

/// <summary>
/// Break-the-glass: a clinician gets access to a record without consent, only with a reason, for a limited time.
/// Every use is an audit entry of type emergencyOverride and an EmergencyAccess event, visible to the patient.
/// </summary>
[Contract(Name = "Emergency", Title = "Break-the-glass emergency access")]
internal sealed class EmergencyContract : Contract
{
    /// <summary>
    /// Opens an emergency access to the current version of a record for the caller's hospital. The reason arrives
    /// in transient key <c>emergency</c> ({"text", "salt"}) and is kept in the caller's hospital's implicit
    /// collection (so endorse on its peer); its hash is public. Caller: a clinician of a configured hospital.
    /// Returns the emergency access and its audit entry (whose ID is the ticket for Sharing:ReadSharedRecord).
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<EmergencyAccessResult> BreakTheGlass(
        ChaincodeContext context, string recordId, [Transient(Key = "emergency")] TextInput reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var configuration = await ledger.RequireConfigurationAsync().ConfigureAwait(false);
        var caller = Caller.Of(context, configuration);
        caller.RequireClinician("break the glass");
        var record = await ledger.RequireLatestRecordAsync(Validation.Id(recordId, "recordId")).ConfigureAwait(false);
        var emergencyAccessId = "emergency-" + ledger.TxId;
        var (access, privateReason) = EmergencyRules.BreakTheGlass(record, caller.MspId, caller.Id, emergencyAccessId, reason, configuration, ledger.Now);
        EndorsingPeer.Require(context.Stub, caller.MspId, "break the glass");
        var entry = AuditTrail.Entry(
            ledger, caller, AuditEventType.EmergencyOverride, record.RecordId, record.Version, record.PatientId,
            AccessPurpose.EmergencyTreatment, emergencyAccessId: emergencyAccessId);
        await ledger.PutEmergencyAsync(access).ConfigureAwait(false);
        await ledger.PutEmergencyReasonAsync(caller.MspId, privateReason).ConfigureAwait(false);
        await ledger.PutAuditEntryAsync(entry).ConfigureAwait(false);
        HealthEvents.Audit(context.Stub, HealthEvents.EmergencyAccess, entry);
        HealthLog.EmergencyAccess(context.Logger, emergencyAccessId, record.RecordId, caller.MspId);
        return new EmergencyAccessResult(access, entry);
    }

    /// <summary>
    /// After an emergency access expired, purges the copies shared for it. Anyone of a configured hospital may
    /// call it (the expiry decides); endorse on a peer of the clinician's hospital.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<IReadOnlyList<string>> EndEmergencyAccess(ChaincodeContext context, string emergencyAccessId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        _ = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var emergency = await ledger.RequireEmergencyAsync(Validation.Id(emergencyAccessId, "emergencyAccessId")).ConfigureAwait(false);
        if (ledger.Now < emergency.ExpiresAt)
        {
            throw HealthErrors.RuleRefused("emergency-access-period", $"emergency access '{emergency.EmergencyAccessId}' has not expired yet.");
        }

        var purged = await SharePurge.PurgeAsync(context.Stub, ledger, ShareBasis.Emergency, emergency.EmergencyAccessId).ConfigureAwait(false);
        context.Stub.SetEventJson(HealthEvents.SharesPurged, new HealthEvents.PurgeEvent(ShareBasis.Emergency, emergency.EmergencyAccessId, purged));
        return purged;
    }

    /// <summary>
    /// The public record of an emergency access (who, which record version, when, until when, the reason's hash),
    /// without the reason. Caller: the record's patient, or staff of the clinician's hospital. Any peer can answer
    /// it, so a client learns from it which hospital's peer holds the reason (<see cref="GetEmergencyReason"/>).
    /// </summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<EmergencyAccess> GetEmergencyAccess(ChaincodeContext context, string emergencyAccessId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var emergency = await ledger.RequireEmergencyAsync(Validation.Id(emergencyAccessId, "emergencyAccessId")).ConfigureAwait(false);
        RequireMayRead(caller, emergency, "read an emergency access");
        return emergency;
    }

    /// <summary>
    /// The reason given for an emergency access. Caller: the record's patient, or staff of the clinician's
    /// hospital; evaluate on a peer of the clinician's hospital.
    /// </summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<EmergencyReasonView> GetEmergencyReason(ChaincodeContext context, string emergencyAccessId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var emergency = await ledger.RequireEmergencyAsync(Validation.Id(emergencyAccessId, "emergencyAccessId")).ConfigureAwait(false);
        RequireMayRead(caller, emergency, "read the reason of an emergency access");
        EndorsingPeer.Require(context.Stub, emergency.GranteeMspId, "read the reason of an emergency access");
        var reason = await ledger.GetEmergencyReasonAsync(emergency.GranteeMspId, emergency.EmergencyAccessId).ConfigureAwait(false)
            ?? throw HealthErrors.NotFound("Reason on this peer of emergency access", emergency.EmergencyAccessId);
        return new EmergencyReasonView(emergency, reason.Reason);
    }

    /// <summary>The record's patient, or staff of the clinician's hospital, may read an emergency access.</summary>
    private static void RequireMayRead(Caller caller, EmergencyAccess emergency, string action)
    {
        if (caller.IsPatientOf(emergency.PatientId))
        {
            return;
        }

        if (caller.IsPatient || caller.MspId != emergency.GranteeMspId)
        {
            throw HealthErrors.Forbidden("Only the patient or the clinician's hospital may read an emergency access or its reason.");
        }

        caller.RequireStaff(action);
    }
}
