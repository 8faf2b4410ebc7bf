using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using HealthRecords.Domain;
using HealthRecords.Internal;

namespace HealthRecords.Contracts;

/// <summary>
/// Sharing and audited reading. The author copies a record from its implicit collection into the pairwise
/// collection it shares with the grantee; the grantee first records an access (a submitted transaction that
/// writes an audit entry) and then reads the copy with the audit ID (an evaluated transaction, so the content
/// is never written into a block), verifying the public hash.
/// </summary>
[Contract(Name = "Sharing", Title = "Record sharing and audited access")]
internal sealed class SharingContract : Contract
{
    /// <summary>
    /// The author shares the current version of a record with the grantee of an active consent that covers it.
    /// Caller: a clinician of the author hospital; endorsed by the author's peer. Writes a disclosure audit entry.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<RecordShare> ShareRecord(ChaincodeContext context, string recordId, string consentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var record = await ledger.RequireLatestRecordAsync(Validation.Id(recordId, "recordId")).ConfigureAwait(false);
        caller.RequireClinicianOf(record.AuthorMspId, "share a record");
        var consent = await ledger.RequireConsentAsync(Validation.Id(consentId, "consentId")).ConfigureAwait(false);
        AccessRules.Decide(consent, record, consent.GranteeMspId, consent.Purpose, ledger.Now).ThrowIfDenied();
        var share = await ShareAsync(context, ledger, record, ShareBasis.Consent, consent.ConsentId, consent.GranteeMspId).ConfigureAwait(false);
        await ledger.PutAuditEntryAsync(AuditTrail.Entry(
            ledger, caller, AuditEventType.Disclosure, record.RecordId, record.Version, record.PatientId, consent.Purpose, consentId: consent.ConsentId))
            .ConfigureAwait(false);
        return share;
    }

    /// <summary>
    /// The author shares a record with the hospital of a clinician who broke the glass, while the emergency access
    /// lasts. Caller: staff of the author hospital (typically its system reacting to the EmergencyAccess event).
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<RecordShare> ShareForEmergency(ChaincodeContext context, string emergencyAccessId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var emergency = await ledger.RequireEmergencyAsync(Validation.Id(emergencyAccessId, "emergencyAccessId")).ConfigureAwait(false);
        var record = await ledger.RequireLatestRecordAsync(emergency.RecordId).ConfigureAwait(false);
        if (caller.MspId != record.AuthorMspId)
        {
            throw HealthErrors.Forbidden($"Only the author hospital {record.AuthorMspId} may share record '{record.RecordId}'.");
        }

        caller.RequireStaff("share a record");
        AccessRules.Decide(emergency, record, emergency.GranteeMspId, ledger.Now).ThrowIfDenied();
        var share = await ShareAsync(context, ledger, record, ShareBasis.Emergency, emergency.EmergencyAccessId, emergency.GranteeMspId)
            .ConfigureAwait(false);
        await ledger.PutAuditEntryAsync(AuditTrail.Entry(
            ledger, caller, AuditEventType.Disclosure, record.RecordId, record.Version, record.PatientId, AccessPurpose.EmergencyTreatment,
            emergencyAccessId: emergency.EmergencyAccessId)).ConfigureAwait(false);
        return share;
    }

    /// <summary>
    /// A clinician of the grantee records an access to a record shared under a consent, for a purpose. The consent
    /// must be active, in its period, for the caller's hospital, cover the record and the purpose. Returns the
    /// audit entry, whose ID is the ticket for <see cref="ReadSharedRecord"/>.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<AuditEntry> RequestAccess(ChaincodeContext context, string recordId, string consentId, AccessPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        caller.RequireClinician("access a shared record");
        var record = await ledger.RequireLatestRecordAsync(Validation.Id(recordId, "recordId")).ConfigureAwait(false);
        var consent = await ledger.RequireConsentAsync(Validation.Id(consentId, "consentId")).ConfigureAwait(false);
        if (consent.GranteeMspId != caller.MspId)
        {
            throw HealthErrors.Forbidden($"Consent '{consent.ConsentId}' was not granted to {caller.MspId}.");
        }

        AccessRules.Decide(consent, record, caller.MspId, purpose, ledger.Now).ThrowIfDenied();
        var share = await RequireLiveShareAsync(ledger, ShareBasis.Consent, consent.ConsentId, record.RecordId).ConfigureAwait(false);
        var entry = AuditTrail.Entry(
            ledger, caller, AuditEventType.Access, record.RecordId, share.Version, record.PatientId, purpose, consentId: consent.ConsentId);
        await ledger.PutAuditEntryAsync(entry).ConfigureAwait(false);
        HealthEvents.Audit(context.Stub, HealthEvents.RecordAccessed, entry);
        HealthLog.AccessAudited(context.Logger, entry.AuditId, "access", entry.RecordId, entry.AgentMspId);
        return entry;
    }

    /// <summary>
    /// Reads the content of an audited access (<see cref="RequestAccess"/> or Emergency:BreakTheGlass) by the same
    /// clinician within the access ticket window, if the consent or emergency access still allows it, and checks
    /// it against the public hash. Evaluate on a peer of the caller's hospital.
    /// </summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<SharedRecordView> ReadSharedRecord(ChaincodeContext context, string auditId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var configuration = await ledger.RequireConfigurationAsync().ConfigureAwait(false);
        var caller = Caller.Of(context, configuration);
        caller.RequireClinician("read a shared record");
        var entry = await ledger.GetOrganizationAuditEntryAsync(caller.MspId, Validation.Id(auditId, "auditId")).ConfigureAwait(false)
            ?? throw HealthErrors.NotFound("Access", auditId);
        if (entry.AgentId != caller.Id || entry.Type == AuditEventType.Disclosure)
        {
            throw HealthErrors.Forbidden($"Access '{auditId}' was not recorded for this clinician.");
        }

        if (ledger.Now > entry.RecordedAt.AddMinutes(configuration.AccessTicketMinutes))
        {
            throw HealthErrors.RuleRefused("access-ticket-expired", $"access '{auditId}' is older than {configuration.AccessTicketMinutes} minutes; record a new access.");
        }

        EndorsingPeer.Require(context.Stub, caller.MspId, "read a shared record");
        var latest = await ledger.RequireLatestRecordAsync(entry.RecordId).ConfigureAwait(false);
        (string ContentType, byte[] Content, byte[] Salt, int Version, string AuthorizationId) copy;
        if (entry.Type == AuditEventType.EmergencyOverride)
        {
            var emergency = await ledger.RequireEmergencyAsync(entry.EmergencyAccessId!).ConfigureAwait(false);
            AccessRules.Decide(emergency, latest, caller.MspId, ledger.Now).ThrowIfDenied();
            copy = caller.MspId == latest.AuthorMspId
                ? await ReadOwnContentAsync(ledger, latest.AuthorMspId, emergency.RecordId, emergency.Version, emergency.EmergencyAccessId).ConfigureAwait(false)
                : await ReadCopyAsync(ledger, ShareBasis.Emergency, emergency.EmergencyAccessId, entry.RecordId).ConfigureAwait(false);
        }
        else
        {
            var consent = await ledger.RequireConsentAsync(entry.ConsentId!).ConfigureAwait(false);
            AccessRules.Decide(consent, latest, caller.MspId, entry.Purpose, ledger.Now).ThrowIfDenied();
            copy = await ReadCopyAsync(ledger, ShareBasis.Consent, consent.ConsentId, entry.RecordId).ConfigureAwait(false);
        }

        var version = await ledger.RequireRecordVersionAsync(entry.RecordId, copy.Version).ConfigureAwait(false);
        if (!ContentHash.Verify(copy.Salt, copy.Content, version.ContentHash))
        {
            HealthLog.IntegrityFailure(context.Logger, entry.RecordId, copy.AuthorizationId);
            throw new ChaincodeException(
                $"The copy of record '{entry.RecordId}' version {copy.Version} does not match its public hash; it was not returned.", 500);
        }

        return new SharedRecordView(version, entry.AuditId, copy.ContentType, copy.Content, copy.Salt, version.ContentHash, HashVerified: true);
    }

    /// <summary>The shares made under a consent or emergency access. Caller: staff of a configured hospital, or the patient.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<IReadOnlyList<RecordShare>> ListShares(ChaincodeContext context, ShareBasis basis, string authorizationId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var shares = await ledger.GetSharesAsync(basis, Validation.Id(authorizationId, "authorizationId")).ConfigureAwait(false);
        foreach (var share in shares)
        {
            RecordsContract.RequireStaffOrPatient(caller, share.PatientId);
        }

        if (shares.Count == 0)
        {
            caller.RequireStaff("list shares");
        }

        return shares;
    }

    private static async Task<RecordShare> ShareAsync(
        ChaincodeContext context, HealthLedger ledger, HealthRecord record, ShareBasis basis, string authorizationId, string granteeMspId)
    {
        var share = ShareRules.Share(record, basis, authorizationId, granteeMspId, ledger.Now);
        var existing = await ledger.GetShareAsync(basis, authorizationId, record.RecordId).ConfigureAwait(false);
        if (existing is { Status: ShareStatus.Shared } && existing.Version == record.Version)
        {
            throw HealthErrors.Conflict($"Record '{record.RecordId}' version {record.Version} is already shared under '{authorizationId}'.");
        }

        EndorsingPeer.Require(context.Stub, record.AuthorMspId, "share a record");
        var content = await ledger.GetContentAsync(record.AuthorMspId, record.RecordId, record.Version).ConfigureAwait(false)
            ?? throw HealthErrors.NotFound("Content of record version", $"{record.RecordId}/{record.Version}");
        await ledger.PutSharedContentAsync(share, new SharedContent(record.RecordId, record.Version, content.ContentType, content.Content, content.Salt))
            .ConfigureAwait(false);
        await ledger.PutShareAsync(share).ConfigureAwait(false);
        HealthEvents.Share(context.Stub, share);
        HealthLog.RecordShared(context.Logger, share.RecordId, share.GranteeMspId, share.Collection);
        return share;
    }

    private static async Task<RecordShare> RequireLiveShareAsync(HealthLedger ledger, ShareBasis basis, string authorizationId, string recordId)
    {
        var share = await ledger.GetShareAsync(basis, authorizationId, recordId).ConfigureAwait(false);
        return share switch
        {
            null => throw HealthErrors.Conflict($"Record '{recordId}' has not been shared under '{authorizationId}' yet: the author hospital must share it first."),
            { Status: ShareStatus.Purged } => throw HealthErrors.Conflict($"The copy of record '{recordId}' shared under '{authorizationId}' was purged."),
            _ => share,
        };
    }

    private static async Task<(string, byte[], byte[], int, string)> ReadCopyAsync(
        HealthLedger ledger, ShareBasis basis, string authorizationId, string recordId)
    {
        var share = await RequireLiveShareAsync(ledger, basis, authorizationId, recordId).ConfigureAwait(false);
        var copy = await ledger.GetSharedContentAsync(share).ConfigureAwait(false)
            ?? throw HealthErrors.NotFound("Shared copy on this peer of record", recordId);
        return (copy.ContentType, copy.Content, copy.Salt, copy.Version, authorizationId);
    }

    private static async Task<(string, byte[], byte[], int, string)> ReadOwnContentAsync(
        HealthLedger ledger, string authorMspId, string recordId, int version, string authorizationId)
    {
        var content = await ledger.GetContentAsync(authorMspId, recordId, version).ConfigureAwait(false)
            ?? throw HealthErrors.NotFound("Content on this peer of record", recordId);
        return (content.ContentType, content.Content, content.Salt, content.Version, authorizationId);
    }
}
