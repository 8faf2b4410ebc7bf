using Fabric.Chaincode.Contracts;
using HealthRecords.Domain;
using HealthRecords.Internal;

namespace HealthRecords.Contracts;

/// <summary>
/// Records (FHIR DocumentReference): a hospital registers a record for a patient; the content goes to the
/// hospital's implicit private collection, the public state gets metadata and the salted content hash.
/// </summary>
[Contract(Name = "Records", Title = "Health records", IsDefault = true)]
internal sealed class RecordsContract : Contract
{
    /// <summary>
    /// Registers version 1 of a record. Caller: a clinician of a configured hospital, which becomes the author.
    /// The content arrives in transient key <c>content</c> ({"content": base64, "salt": base64 of 16-64 random bytes}).
    /// Must be endorsed by the author's peer (its implicit collection).
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<HealthRecord> RegisterRecord(
        ChaincodeContext context, RecordRegistration registration, [Transient(Key = "content")] ContentInput content)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        caller.RequireClinician("register a record");
        var (record, privateContent) = RecordRules.Register(registration, content, caller.MspId, ledger.Now);
        EndorsingPeer.Require(context.Stub, caller.MspId, "register a record");
        if ((await ledger.GetRecordVersionsAsync(record.RecordId).ConfigureAwait(false)).Count > 0)
        {
            throw HealthErrors.Conflict($"Record '{record.RecordId}' already exists.");
        }

        await ledger.PutRecordAsync(record).ConfigureAwait(false);
        await ledger.PutContentAsync(caller.MspId, privateContent).ConfigureAwait(false);
        HealthEvents.Record(context.Stub, HealthEvents.RecordRegistered, record);
        HealthLog.RecordStored(context.Logger, record.RecordId, record.Version, record.AuthorMspId);
        return record;
    }

    /// <summary>Marks the current version as entered in error (kept as evidence, no longer shareable). Caller: a clinician of the author.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<HealthRecord> MarkEnteredInError(ChaincodeContext context, string recordId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var current = await ledger.RequireLatestRecordAsync(Validation.Id(recordId, "recordId")).ConfigureAwait(false);
        caller.RequireClinicianOf(current.AuthorMspId, "mark a record as entered in error");
        var marked = RecordRules.MarkEnteredInError(current, ledger.Now);
        await ledger.PutRecordAsync(marked).ConfigureAwait(false);
        HealthEvents.Record(context.Stub, HealthEvents.RecordEnteredInError, marked);
        return marked;
    }

    /// <summary>The newest version's metadata. Caller: hospital staff, or the record's patient.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<HealthRecord> GetRecord(ChaincodeContext context, string recordId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var record = await ledger.RequireLatestRecordAsync(Validation.Id(recordId, "recordId")).ConfigureAwait(false);
        RequireStaffOrPatient(caller, record.PatientId);
        return record;
    }

    /// <summary>Every version, oldest first: amendments never erase. Caller: hospital staff, or the record's patient.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<IReadOnlyList<HealthRecord>> GetRecordHistory(ChaincodeContext context, string recordId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var versions = await ledger.GetRecordVersionsAsync(Validation.Id(recordId, "recordId")).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            throw HealthErrors.NotFound("Record", recordId);
        }

        RequireStaffOrPatient(caller, versions[0].PatientId);
        return versions;
    }

    /// <summary>The newest version of each of the calling patient's records.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<IReadOnlyList<HealthRecord>> ListMyRecords(ChaincodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var patientId = caller.RequirePatient("list their records");
        var records = new List<HealthRecord>();
        foreach (var recordId in await ledger.GetPatientRecordIdsAsync(patientId).ConfigureAwait(false))
        {
            records.Add(await ledger.RequireLatestRecordAsync(recordId).ConfigureAwait(false));
        }

        return records;
    }

    internal static void RequireStaffOrPatient(Caller caller, string patientId)
    {
        if (caller.IsPatient)
        {
            if (!caller.IsPatientOf(patientId))
            {
                throw HealthErrors.Forbidden("A patient may only read their own records.");
            }

            return;
        }

        caller.RequireStaff("read record metadata");
    }
}
