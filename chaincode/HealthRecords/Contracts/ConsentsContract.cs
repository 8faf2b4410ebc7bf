using Fabric.Chaincode.Contracts;
using HealthRecords.Domain;
using HealthRecords.Internal;

namespace HealthRecords.Contracts;

/// <summary>
/// Consents (FHIR Consent): only the patient, identified by the certificate attributes role=patient and
/// patientId, grants, activates, revokes or withdraws them. Revocation purges every copy shared under the consent.
/// </summary>
[Contract(Name = "Consents", Title = "Patient consents")]
internal sealed class ConsentsContract : Contract
{
    /// <summary>
    /// The calling patient grants a hospital access to records (by category or ID) for a purpose and a period.
    /// The patient is the certificate's patientId; the request cannot name another patient.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Consent> GrantConsent(ChaincodeContext context, ConsentRequest consent)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var configuration = await ledger.RequireConfigurationAsync().ConfigureAwait(false);
        var patientId = Caller.Of(context, configuration).RequirePatient("grant a consent");
        var granted = ConsentRules.Grant(consent, patientId, configuration, ledger.Now);
        if (await ledger.GetConsentAsync(granted.ConsentId).ConfigureAwait(false) is not null)
        {
            throw HealthErrors.Conflict($"Consent '{granted.ConsentId}' already exists.");
        }

        await ledger.PutConsentAsync(granted).ConfigureAwait(false);
        HealthEvents.Consent(context.Stub, HealthEvents.ConsentGranted, granted);
        HealthLog.ConsentChanged(context.Logger, granted.ConsentId, granted.Status, 0);
        return granted;
    }

    /// <summary>The patient puts a draft consent in force.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Consent> ActivateConsent(ChaincodeContext context, string consentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (ledger, consent) = await LoadOwnConsentAsync(context, consentId, "activate a consent").ConfigureAwait(false);
        var activated = ConsentRules.Activate(consent, ledger.Now);
        await ledger.PutConsentAsync(activated).ConfigureAwait(false);
        HealthEvents.Consent(context.Stub, HealthEvents.ConsentActivated, activated);
        HealthLog.ConsentChanged(context.Logger, activated.ConsentId, activated.Status, 0);
        return activated;
    }

    /// <summary>
    /// The patient revokes: the consent becomes inactive and every copy shared under it is purged. Must be
    /// endorsed by a peer of the grantee (member of every pairwise collection the copies are in).
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Consent> RevokeConsent(ChaincodeContext context, string consentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (ledger, consent) = await LoadOwnConsentAsync(context, consentId, "revoke a consent").ConfigureAwait(false);
        return await EndAsync(context, ledger, ConsentRules.Revoke(consent, ledger.Now), HealthEvents.ConsentRevoked).ConfigureAwait(false);
    }

    /// <summary>The patient marks a consent as created by mistake; copies shared under it are purged.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Consent> MarkConsentEnteredInError(ChaincodeContext context, string consentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (ledger, consent) = await LoadOwnConsentAsync(context, consentId, "mark a consent as entered in error").ConfigureAwait(false);
        return await EndAsync(context, ledger, ConsentRules.MarkEnteredInError(consent, ledger.Now), HealthEvents.ConsentEnteredInError)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Records that an active consent's period has ended (transaction time at or after periodEnd) and purges its
    /// shared copies. Anyone of a configured hospital, or the patient, may call it: the period decides, not the caller.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Consent> ExpireConsent(ChaincodeContext context, string consentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        _ = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var consent = await ledger.RequireConsentAsync(Validation.Id(consentId, "consentId")).ConfigureAwait(false);
        return await EndAsync(context, ledger, ConsentRules.Expire(consent, ledger.Now), HealthEvents.ConsentExpired).ConfigureAwait(false);
    }

    /// <summary>A consent. Caller: its patient, or staff of a configured hospital.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<Consent> GetConsent(ChaincodeContext context, string consentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        var consent = await ledger.RequireConsentAsync(Validation.Id(consentId, "consentId")).ConfigureAwait(false);
        RecordsContract.RequireStaffOrPatient(caller, consent.PatientId);
        return consent;
    }

    /// <summary>Every consent of the calling patient.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<IReadOnlyList<Consent>> ListMyConsents(ChaincodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var patientId = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false)).RequirePatient("list their consents");
        return await ledger.GetPatientConsentsAsync(patientId).ConfigureAwait(false);
    }

    private static async Task<(HealthLedger Ledger, Consent Consent)> LoadOwnConsentAsync(ChaincodeContext context, string consentId, string action)
    {
        var ledger = new HealthLedger(context);
        var patientId = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false)).RequirePatient(action);
        var consent = await ledger.RequireConsentAsync(Validation.Id(consentId, "consentId")).ConfigureAwait(false);
        if (!string.Equals(consent.PatientId, patientId, StringComparison.Ordinal))
        {
            throw HealthErrors.Forbidden($"Consent '{consent.ConsentId}' belongs to another patient: only its patient may {action}.");
        }

        return (ledger, consent);
    }

    private static async Task<Consent> EndAsync(ChaincodeContext context, HealthLedger ledger, Consent ended, string eventName)
    {
        var purged = await SharePurge.PurgeAsync(context.Stub, ledger, ShareBasis.Consent, ended.ConsentId).ConfigureAwait(false);
        await ledger.PutConsentAsync(ended).ConfigureAwait(false);
        HealthEvents.Consent(context.Stub, eventName, ended, purged);
        HealthLog.ConsentChanged(context.Logger, ended.ConsentId, ended.Status, purged.Count);
        return ended;
    }
}
