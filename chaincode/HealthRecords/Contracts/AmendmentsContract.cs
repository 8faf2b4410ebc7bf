using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using HealthRecords.Domain;
using HealthRecords.Internal;

namespace HealthRecords.Contracts;

/// <summary>
/// HIPAA-style amendments: the patient requests, the author hospital accepts (a new version; the old one is
/// superseded and kept) or denies with a reason. Request and denial texts are private to the author hospital.
/// </summary>
[Contract(Name = "Amendments", Title = "Record amendments")]
internal sealed class AmendmentsContract : Contract
{
    /// <summary>
    /// A patient asks to amend the current version of their record. The request text arrives in transient key
    /// <c>amendment</c> ({"text": "...", "salt": base64}) and is stored in the author's implicit collection,
    /// so the proposal must be endorsed by a peer of the author. The amendment ID is the transaction ID.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Amendment> RequestAmendment(
        ChaincodeContext context, string recordId, [Transient(Key = "amendment")] TextInput amendment)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var patientId = caller.RequirePatient("request an amendment");
        var record = await ledger.RequireLatestRecordAsync(Validation.Id(recordId, "recordId")).ConfigureAwait(false);
        var (request, texts) = AmendmentRules.Request(record, patientId, ledger.TxId, amendment, ledger.Now);
        EndorsingPeer.Require(context.Stub, record.AuthorMspId, "request an amendment");
        await ledger.PutAmendmentAsync(request).ConfigureAwait(false);
        await ledger.PutAmendmentTextsAsync(record.AuthorMspId, texts).ConfigureAwait(false);
        SetEvent(context.Stub, HealthEvents.AmendmentRequested, request);
        HealthLog.AmendmentChanged(context.Logger, request.AmendmentId, request.RecordId, "requested");
        return request;
    }

    /// <summary>
    /// The author accepts: the amended content (transient key <c>content</c>, as for RegisterRecord) becomes the
    /// next version; the previous version is superseded and kept. Caller: a clinician of the author hospital.
    /// Returns the new version.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<HealthRecord> AcceptAmendment(
        ChaincodeContext context, string amendmentId, [Transient(Key = "content")] ContentInput content)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var request = await ledger.RequireAmendmentAsync(Validation.Id(amendmentId, "amendmentId")).ConfigureAwait(false);
        caller.RequireClinicianOf(request.AuthorMspId, "accept an amendment");
        var current = await ledger.RequireLatestRecordAsync(request.RecordId).ConfigureAwait(false);
        var accepted = AmendmentRules.Accept(request, current, ledger.Now);
        var (superseded, next, nextContent) = RecordRules.Amend(current, request.AmendmentId, content, ledger.Now);
        EndorsingPeer.Require(context.Stub, request.AuthorMspId, "accept an amendment");
        await ledger.PutRecordAsync(superseded).ConfigureAwait(false);
        await ledger.PutRecordAsync(next).ConfigureAwait(false);
        await ledger.PutContentAsync(next.AuthorMspId, nextContent).ConfigureAwait(false);
        await ledger.PutAmendmentAsync(accepted).ConfigureAwait(false);
        HealthEvents.Record(context.Stub, HealthEvents.RecordAmended, next);
        HealthLog.RecordStored(context.Logger, next.RecordId, next.Version, next.AuthorMspId);
        return next;
    }

    /// <summary>
    /// The author denies; the reason (transient key <c>denial</c>, {"text", "salt"}) is appended privately to the
    /// request and its hash published. The record is unchanged. Caller: a clinician of the author hospital.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Amendment> DenyAmendment(
        ChaincodeContext context, string amendmentId, [Transient(Key = "denial")] TextInput denial)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var request = await ledger.RequireAmendmentAsync(Validation.Id(amendmentId, "amendmentId")).ConfigureAwait(false);
        caller.RequireClinicianOf(request.AuthorMspId, "deny an amendment");
        EndorsingPeer.Require(context.Stub, request.AuthorMspId, "deny an amendment");
        var current = await ledger.RequireLatestRecordAsync(request.RecordId).ConfigureAwait(false);
        var texts = await ledger.GetAmendmentTextsAsync(request.AuthorMspId, request.AmendmentId).ConfigureAwait(false)
            ?? throw HealthErrors.NotFound("Amendment text", request.AmendmentId);
        var (denied, deniedTexts) = AmendmentRules.Deny(request, texts, current, denial, ledger.Now);
        await ledger.PutAmendmentAsync(denied).ConfigureAwait(false);
        await ledger.PutAmendmentTextsAsync(request.AuthorMspId, deniedTexts).ConfigureAwait(false);
        SetEvent(context.Stub, HealthEvents.AmendmentDenied, denied);
        HealthLog.AmendmentChanged(context.Logger, denied.AmendmentId, denied.RecordId, "denied");
        return denied;
    }

    /// <summary>
    /// The public record of an amendment (status, versions, the texts' hashes), without the texts. Caller: the
    /// patient, or staff of the author hospital. Any peer can answer it, so a client learns from it which
    /// hospital's peer holds the texts (<see cref="GetAmendment"/>).
    /// </summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<Amendment> GetAmendmentStatus(ChaincodeContext context, string amendmentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var request = await ledger.RequireAmendmentAsync(Validation.Id(amendmentId, "amendmentId")).ConfigureAwait(false);
        RequireMayRead(caller, request);
        return request;
    }

    /// <summary>
    /// The amendment with its texts (request and denial reason). Caller: the patient, or staff of the author
    /// hospital; evaluate on a peer of the author hospital (the texts live in its implicit collection).
    /// </summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<AmendmentView> GetAmendment(ChaincodeContext context, string amendmentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var request = await ledger.RequireAmendmentAsync(Validation.Id(amendmentId, "amendmentId")).ConfigureAwait(false);
        RequireMayRead(caller, request);
        EndorsingPeer.Require(context.Stub, request.AuthorMspId, "read an amendment's texts");
        var texts = await ledger.GetAmendmentTextsAsync(request.AuthorMspId, request.AmendmentId).ConfigureAwait(false);
        return new AmendmentView(request, texts?.RequestText, texts?.DenialReason);
    }

    /// <summary>The patient, or staff of the author hospital, may read an amendment.</summary>
    private static void RequireMayRead(Caller caller, Amendment request)
    {
        if (caller.IsPatientOf(request.PatientId))
        {
            return;
        }

        if (caller.IsPatient || caller.MspId != request.AuthorMspId)
        {
            throw HealthErrors.Forbidden("Only the patient or the author hospital may read an amendment.");
        }

        caller.RequireStaff("read an amendment");
    }

    private static void SetEvent(IChaincodeStub stub, string name, Amendment amendment) =>
        stub.SetEventJson(name, new HealthEvents.AmendmentEvent(
            amendment.AmendmentId, amendment.RecordId, amendment.Version, amendment.PatientId, amendment.AuthorMspId, amendment.Status));
}
