using Fabric.Chaincode.Contracts;
using HealthRecords.Domain;
using HealthRecords.Internal;

namespace HealthRecords.Contracts;

/// <summary>The access log (FHIR AuditEvent): the patient sees every access to their records; a hospital sees the accesses it made.</summary>
[Contract(Name = "Audit", Title = "Access log")]
internal sealed class AuditContract : Contract
{
    /// <summary>Every audit entry about the calling patient's records (accesses, disclosures, emergency overrides), oldest first.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<IReadOnlyList<AuditEntry>> ListMyAccessLog(ChaincodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var patientId = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false)).RequirePatient("read their access log");
        return Ordered(await ledger.GetPatientAuditAsync(patientId).ConfigureAwait(false));
    }

    /// <summary>Every audit entry whose agent belongs to the caller's hospital, oldest first. Caller: hospital staff.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<IReadOnlyList<AuditEntry>> ListOrganizationAccessLog(ChaincodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var caller = Caller.Of(context, await ledger.RequireConfigurationAsync().ConfigureAwait(false));
        caller.RequireStaff("read the hospital's access log");
        return Ordered(await ledger.GetOrganizationAuditAsync(caller.MspId).ConfigureAwait(false));
    }

    private static AuditEntry[] Ordered(List<AuditEntry> entries) =>
        [.. entries.OrderBy(e => e.RecordedAt).ThenBy(e => e.AuditId, StringComparer.Ordinal)];
}
