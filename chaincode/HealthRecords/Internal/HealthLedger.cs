using System.Text.Json;
using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using HealthRecords.Domain;

namespace HealthRecords.Internal;

/// <summary>
/// Typed reads and writes of this chaincode's public state and private collections for one transaction.
/// Public writes hold only IDs, codes, statuses, times and hashes; content and texts go to private collections.
/// </summary>
internal sealed class HealthLedger
{
    private readonly IChaincodeStub _stub;
    private readonly CancellationToken _cancellationToken;

    public HealthLedger(ChaincodeContext context)
    {
        _stub = context.Stub;
        _cancellationToken = context.CancellationToken;
    }

    /// <summary>The transaction timestamp: the only clock of this chaincode.</summary>
    public DateTimeOffset Now => _stub.TxTimestamp.ToUniversalTime();

    public string TxId => _stub.TxId;

    // ---- Configuration ----

    public Task<HealthConfiguration?> GetConfigurationAsync() => GetAsync<HealthConfiguration>(HealthKeys.Configuration);

    /// <exception cref="ChaincodeException">409 when Configuration:Initialize has not run.</exception>
    public async Task<HealthConfiguration> RequireConfigurationAsync() =>
        await GetConfigurationAsync().ConfigureAwait(false)
        ?? throw HealthErrors.Conflict("The chaincode is not configured yet: call Configuration:Initialize first.");

    public Task PutConfigurationAsync(HealthConfiguration configuration) => PutAsync(HealthKeys.Configuration, configuration);

    public Task SetConfigurationPolicyAsync(byte[] policy) =>
        _stub.SetStateValidationParameterAsync(HealthKeys.Configuration, policy, _cancellationToken);

    // ---- Records ----

    /// <summary>Every version of a record, oldest first (empty when the record does not exist).</summary>
    public Task<List<HealthRecord>> GetRecordVersionsAsync(string recordId) =>
        ListAsync<HealthRecord>(HealthKeys.RecordType, recordId);

    /// <exception cref="ChaincodeException">404 when the record does not exist.</exception>
    public async Task<HealthRecord> RequireLatestRecordAsync(string recordId)
    {
        var versions = await GetRecordVersionsAsync(recordId).ConfigureAwait(false);
        return versions.Count == 0 ? throw HealthErrors.NotFound("Record", recordId) : RecordRules.Latest(versions);
    }

    /// <exception cref="ChaincodeException">404 when the version does not exist.</exception>
    public async Task<HealthRecord> RequireRecordVersionAsync(string recordId, int version) =>
        await GetAsync<HealthRecord>(HealthKeys.Record(recordId, version)).ConfigureAwait(false)
        ?? throw HealthErrors.NotFound("Record version", $"{recordId}/{version}");

    public async Task PutRecordAsync(HealthRecord record)
    {
        await PutAsync(HealthKeys.Record(record.RecordId, record.Version), record).ConfigureAwait(false);
        await _stub.PutStateStringAsync(HealthKeys.PatientRecord(record.PatientId, record.RecordId), record.RecordId, _cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The IDs of a patient's records.</summary>
    public async Task<List<string>> GetPatientRecordIdsAsync(string patientId)
    {
        var ids = new List<string>();
        await foreach (var entry in _stub.GetStateByPartialCompositeKey(HealthKeys.PatientRecordType, patientId).WithCancellation(_cancellationToken))
        {
            ids.Add(System.Text.Encoding.UTF8.GetString(entry.Value.Span));
        }

        return ids;
    }

    public Task PutContentAsync(string authorMspId, RecordContent content) =>
        PutPrivateAsync(CollectionNames.Implicit(authorMspId), HealthKeys.Content(content.RecordId, content.Version), content);

    public Task<RecordContent?> GetContentAsync(string authorMspId, string recordId, int version) =>
        GetPrivateAsync<RecordContent>(CollectionNames.Implicit(authorMspId), HealthKeys.Content(recordId, version));

    // ---- Amendments ----

    public async Task<Amendment> RequireAmendmentAsync(string amendmentId) =>
        await GetAsync<Amendment>(HealthKeys.Amendment(amendmentId)).ConfigureAwait(false)
        ?? throw HealthErrors.NotFound("Amendment", amendmentId);

    public Task PutAmendmentAsync(Amendment amendment) => PutAsync(HealthKeys.Amendment(amendment.AmendmentId), amendment);

    public Task PutAmendmentTextsAsync(string authorMspId, AmendmentTexts texts) =>
        PutPrivateAsync(CollectionNames.Implicit(authorMspId), HealthKeys.AmendmentText(texts.AmendmentId), texts);

    public Task<AmendmentTexts?> GetAmendmentTextsAsync(string authorMspId, string amendmentId) =>
        GetPrivateAsync<AmendmentTexts>(CollectionNames.Implicit(authorMspId), HealthKeys.AmendmentText(amendmentId));

    // ---- Consents ----

    public Task<Consent?> GetConsentAsync(string consentId) => GetAsync<Consent>(HealthKeys.Consent(consentId));

    public async Task<Consent> RequireConsentAsync(string consentId) =>
        await GetConsentAsync(consentId).ConfigureAwait(false) ?? throw HealthErrors.NotFound("Consent", consentId);

    public async Task PutConsentAsync(Consent consent)
    {
        await PutAsync(HealthKeys.Consent(consent.ConsentId), consent).ConfigureAwait(false);
        await _stub.PutStateStringAsync(HealthKeys.PatientConsent(consent.PatientId, consent.ConsentId), consent.ConsentId, _cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<List<Consent>> GetPatientConsentsAsync(string patientId)
    {
        var consents = new List<Consent>();
        await foreach (var entry in _stub.GetStateByPartialCompositeKey(HealthKeys.PatientConsentType, patientId).WithCancellation(_cancellationToken))
        {
            consents.Add(await RequireConsentAsync(System.Text.Encoding.UTF8.GetString(entry.Value.Span)).ConfigureAwait(false));
        }

        return consents;
    }

    // ---- Emergency access ----

    public async Task<EmergencyAccess> RequireEmergencyAsync(string emergencyAccessId) =>
        await GetAsync<EmergencyAccess>(HealthKeys.Emergency(emergencyAccessId)).ConfigureAwait(false)
        ?? throw HealthErrors.NotFound("Emergency access", emergencyAccessId);

    public Task PutEmergencyAsync(EmergencyAccess access) => PutAsync(HealthKeys.Emergency(access.EmergencyAccessId), access);

    public Task PutEmergencyReasonAsync(string granteeMspId, EmergencyReason reason) =>
        PutPrivateAsync(CollectionNames.Implicit(granteeMspId), HealthKeys.EmergencyReason(reason.EmergencyAccessId), reason);

    public Task<EmergencyReason?> GetEmergencyReasonAsync(string granteeMspId, string emergencyAccessId) =>
        GetPrivateAsync<EmergencyReason>(CollectionNames.Implicit(granteeMspId), HealthKeys.EmergencyReason(emergencyAccessId));

    // ---- Shares ----

    public Task<RecordShare?> GetShareAsync(ShareBasis basis, string authorizationId, string recordId) =>
        GetAsync<RecordShare>(HealthKeys.Share(basis, authorizationId, recordId));

    public Task PutShareAsync(RecordShare share) => PutAsync(HealthKeys.Share(share.Basis, share.AuthorizationId, share.RecordId), share);

    public Task<List<RecordShare>> GetSharesAsync(ShareBasis basis, string authorizationId) =>
        ListAsync<RecordShare>(HealthKeys.ShareType, HealthKeys.BasisName(basis), authorizationId);

    public Task PutSharedContentAsync(RecordShare share, SharedContent content) =>
        PutPrivateAsync(share.Collection, HealthKeys.SharedContent(share.Basis, share.AuthorizationId, share.RecordId), content);

    public Task<SharedContent?> GetSharedContentAsync(RecordShare share) =>
        GetPrivateAsync<SharedContent>(share.Collection, HealthKeys.SharedContent(share.Basis, share.AuthorizationId, share.RecordId));

    /// <summary>Removes the shared copy from every member peer's private store, history included (Fabric v2.5 PurgePrivateData).</summary>
    public Task PurgeSharedContentAsync(RecordShare share) =>
        _stub.PurgePrivateDataAsync(share.Collection, HealthKeys.SharedContent(share.Basis, share.AuthorizationId, share.RecordId), _cancellationToken);

    // ---- Audit ----

    /// <summary>Writes the entry under the patient's and under the agent organization's index.</summary>
    public async Task PutAuditEntryAsync(AuditEntry entry)
    {
        await PutAsync(HealthKeys.PatientAudit(entry.PatientId, entry.AuditId), entry).ConfigureAwait(false);
        await PutAsync(HealthKeys.OrganizationAudit(entry.AgentMspId, entry.AuditId), entry).ConfigureAwait(false);
    }

    public Task<AuditEntry?> GetOrganizationAuditEntryAsync(string mspId, string auditId) =>
        GetAsync<AuditEntry>(HealthKeys.OrganizationAudit(mspId, auditId));

    public Task<List<AuditEntry>> GetPatientAuditAsync(string patientId) => ListAsync<AuditEntry>(HealthKeys.PatientAuditType, patientId);

    public Task<List<AuditEntry>> GetOrganizationAuditAsync(string mspId) => ListAsync<AuditEntry>(HealthKeys.OrganizationAuditType, mspId);

    // ---- JSON plumbing ----

    private Task<T?> GetAsync<T>(string key) => _stub.GetStateJsonAsync<T>(key, _cancellationToken);

    private Task PutAsync<T>(string key, T value) => _stub.PutStateJsonAsync(key, value, _cancellationToken);

    private Task<T?> GetPrivateAsync<T>(string collection, string key) => _stub.GetPrivateDataJsonAsync<T>(collection, key, _cancellationToken);

    private Task PutPrivateAsync<T>(string collection, string key, T value) =>
        _stub.PutPrivateDataJsonAsync(collection, key, value, _cancellationToken);

    private async Task<List<T>> ListAsync<T>(string objectType, params string[] attributes)
    {
        var values = new List<T>();
        await foreach (var entry in _stub.GetStateByPartialCompositeKey(objectType, attributes).WithCancellation(_cancellationToken))
        {
            values.Add(JsonSerializer.Deserialize<T>(entry.Value.Span, ChaincodeJson.Options)!);
        }

        return values;
    }
}
