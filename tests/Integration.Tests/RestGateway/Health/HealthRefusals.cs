using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway.Health;

/// <summary>
/// One refusal: who sends what, and the ProblemDetails expected (status, stable <c>type</c>, and why: the field named in
/// <c>errors</c> for the gateway's own input checks, words of <c>detail</c> for the chaincode's refusals).
/// </summary>
internal sealed record Refusal(Role Role, ApiRequest Request, int Status, string Type, string? Field = null, string? Because = null)
{
    public override string ToString() => $"{Request} as {Role} -> {Status} {Type}";
}

/// <summary>
/// The refusals of every health endpoint that has one besides authorization (which the matrix covers): 400 for a bad
/// or missing field (the gateway's checks, or the chaincode's for what depends on the ledger or the time), 404 for an
/// unknown ID, 409 for a wrong state, 422 for a business rule. All of them are refused at endorsement or evaluation,
/// so nothing is ordered.
/// </summary>
internal static class HealthRefusals
{
    /// <summary>
    /// Endpoints whose only refusal is authorization: they take no input and the chaincode checks nothing but the caller.
    /// </summary>
    public static readonly IReadOnlyList<string> AuthorizationOnly =
    [
        "GET /api/health/configuration",
        "GET /api/health/records",
        "GET /api/health/consents",
        "GET /api/health/audit/mine",
        "GET /api/health/audit/organization",
    ];

    public static IReadOnlyList<Refusal> Table(HealthRoles roles, HealthLedgerState s, DateTimeOffset now)
    {
        var unknown = UniqueIds.New("unknown");
        var hospitals = new[] { HealthRoles.HospitalA, HealthRoles.HospitalB };
        var record = $"/api/health/records/{s.RecordId}";
        var errorRecord = $"/api/health/records/{s.ErrorRecordId}";
        const string Bad = "bad%20id!";
        object Registration(string recordId) => new
        {
            recordId, patientId = roles.PatientId, category = "laboratory", typeCode = "11502-2", contentType = "application/fhir+json", content = new byte[] { 1, 2, 3 },
        };
        object Consent(string consentId, object periodEnd, string grantee = HealthRoles.HospitalB) => new
        {
            consentId, granteeMspId = grantee, scope = new { categories = new[] { "laboratory" } }, purpose = "treatment", periodEnd,
        };
        var nextMonth = now.AddDays(30);

        return
        [
            // Configuration
            new(Role.AdminA, ApiRequest.Post("/api/health/configuration", new { hospitalMspIds = new[] { HealthRoles.HospitalA } }), 400, "validation", Field: "hospitalMspIds"),
            new(Role.AdminA, ApiRequest.Post("/api/health/configuration", new { hospitalMspIds = hospitals }), 409, "conflict", Because: "already configured"),
            new(Role.AdminA, ApiRequest.Put("/api/health/configuration", new { hospitalMspIds = hospitals, accessTicketMinutes = 0 }), 400, "validation", Field: "accessTicketMinutes"),
            new(Role.AdminA, ApiRequest.Put("/api/health/configuration", new { hospitalMspIds = new[] { HealthRoles.HospitalA, HealthRoles.HospitalA } }), 400, "validation", Field: "hospitalMspIds"),

            // Records
            new(Role.ClinicianA, ApiRequest.Post("/api/health/records", new { recordId = unknown, patientId = roles.PatientId, category = "laboratory", typeCode = "11502-2", contentType = "application/fhir+json" }), 400, "validation", Field: "content"),
            new(Role.ClinicianA, ApiRequest.Post("/api/health/records", Registration(s.RecordId)), 409, "conflict", Because: "already exists"),
            new(Role.ClinicianA, ApiRequest.Post($"/api/health/records/{Bad}/entered-in-error"), 400, "validation", Field: "recordId"),
            new(Role.ClinicianA, ApiRequest.Post($"/api/health/records/{unknown}/entered-in-error"), 404, "not-found", Because: "does not exist"),
            new(Role.ClinicianA, ApiRequest.Post($"{errorRecord}/entered-in-error"), 409, "conflict", Because: "entered-in-error"),
            new(Role.AdminA, ApiRequest.Get($"/api/health/records/{unknown}"), 404, "not-found", Because: unknown),
            new(Role.AdminA, ApiRequest.Get($"/api/health/records/{Bad}"), 400, "validation", Field: "recordId"),
            new(Role.AdminA, ApiRequest.Get($"/api/health/records/{unknown}/history"), 404, "not-found", Because: unknown),

            // Amendments
            new(Role.Patient, ApiRequest.Post($"{record}/amendments", new { }), 400, "validation", Field: "text"),
            new(Role.Patient, ApiRequest.Post($"/api/health/records/{unknown}/amendments", new { text = "Wrong value." }), 404, "not-found", Because: unknown),
            new(Role.Patient, ApiRequest.Post($"{errorRecord}/amendments", new { text = "Wrong value." }), 409, "conflict", Because: "only a current version"),
            new(Role.ClinicianA, ApiRequest.Post($"/api/health/amendments/{s.AcceptedAmendmentId}/accept", new { }), 400, "validation", Field: "content"),
            new(Role.ClinicianA, ApiRequest.Post($"/api/health/amendments/{unknown}/accept", new { content = new byte[] { 1 } }), 404, "not-found", Because: unknown),
            new(Role.ClinicianA, ApiRequest.Post($"/api/health/amendments/{s.AcceptedAmendmentId}/accept", new { content = new byte[] { 1 } }), 409, "conflict", Because: "already decided"),
            new(Role.ClinicianA, ApiRequest.Post($"/api/health/amendments/{s.DeniedAmendmentId}/deny", new { reason = "\u202Ereversed" }), 400, "validation", Field: "reason"),
            new(Role.ClinicianA, ApiRequest.Post($"/api/health/amendments/{unknown}/deny", new { reason = "Accurate." }), 404, "not-found", Because: unknown),
            new(Role.ClinicianA, ApiRequest.Post($"/api/health/amendments/{s.DeniedAmendmentId}/deny", new { reason = "Accurate." }), 409, "conflict", Because: "already decided"),
            new(Role.Patient, ApiRequest.Get($"/api/health/amendments/{unknown}"), 404, "not-found", Because: unknown),
            new(Role.Patient, ApiRequest.Get($"/api/health/amendments/{unknown}/status"), 404, "not-found", Because: unknown),
            new(Role.Patient, ApiRequest.Get($"/api/health/amendments/{Bad}/status"), 400, "validation", Field: "amendmentId"),

            // Consents
            new(Role.Patient, ApiRequest.Post("/api/health/consents", new { consentId = unknown, granteeMspId = HealthRoles.HospitalB, scope = new { categories = Array.Empty<string>() }, periodEnd = nextMonth }), 400, "validation", Field: "scope"),
            new(Role.Patient, ApiRequest.Post("/api/health/consents", new { consentId = unknown, granteeMspId = HealthRoles.HospitalB, scope = new { categories = new[] { "laboratory" } }, periodStart = now.AddDays(-2), periodEnd = now.AddDays(-1) }), 400, "validation", Because: "'periodEnd' must be in the future"),
            new(Role.Patient, ApiRequest.Post("/api/health/consents", Consent(unknown, nextMonth, grantee: "HospitalCMSP")), 400, "validation", Because: "'granteeMspId' must be the MSP ID of a configured hospital"),
            new(Role.Patient, ApiRequest.Post("/api/health/consents", new { consentId = unknown, patientId = roles.OtherPatientId, granteeMspId = HealthRoles.HospitalB, scope = new { categories = new[] { "laboratory" } }, periodEnd = nextMonth }), 403, "forbidden", Because: "only grant consents for themselves"),
            new(Role.Patient, ApiRequest.Post("/api/health/consents", Consent(s.RevokedConsentId, nextMonth)), 409, "conflict", Because: "already exists"),
            new(Role.Patient, ApiRequest.Post($"/api/health/consents/{unknown}/activate"), 404, "not-found", Because: unknown),
            new(Role.Patient, ApiRequest.Post($"/api/health/consents/{s.RevokedConsentId}/activate"), 409, "conflict", Because: "not a draft"),
            new(Role.Patient, ApiRequest.Post($"/api/health/consents/{unknown}/revoke"), 404, "not-found", Because: unknown),
            new(Role.Patient, ApiRequest.Post($"/api/health/consents/{s.RevokedConsentId}/revoke"), 409, "conflict", Because: "cannot be revoked"),
            new(Role.Patient, ApiRequest.Post($"/api/health/consents/{unknown}/entered-in-error"), 404, "not-found", Because: unknown),
            new(Role.Patient, ApiRequest.Post($"/api/health/consents/{s.ErrorConsentId}/entered-in-error"), 409, "conflict", Because: "already entered-in-error"),
            new(Role.AdminB, ApiRequest.Post($"/api/health/consents/{unknown}/expire"), 404, "not-found", Because: unknown),
            new(Role.AdminB, ApiRequest.Post($"/api/health/consents/{s.RevokedConsentId}/expire"), 409, "conflict", Because: "not active"),
            new(Role.AdminB, ApiRequest.Post($"/api/health/consents/{s.ImagingConsentId}/expire"), 422, "business-rule", Because: "consent-period"),
            new(Role.Patient, ApiRequest.Get($"/api/health/consents/{unknown}"), 404, "not-found", Because: unknown),
            new(Role.Patient, ApiRequest.Get($"/api/health/consents/{Bad}"), 400, "validation", Field: "consentId"),

            // Sharing and access
            new(Role.ClinicianA, ApiRequest.Post($"{record}/shares", new { }), 400, "validation", Field: "consentId"),
            new(Role.ClinicianA, ApiRequest.Post($"{record}/shares", new { consentId = unknown }), 404, "not-found", Because: unknown),
            new(Role.ClinicianA, ApiRequest.Post($"{record}/shares", new { consentId = s.ImagingConsentId }), 422, "business-rule", Because: "consent-scope"),
            new(Role.ClinicianA, ApiRequest.Post($"{record}/shares", new { consentId = s.RevokedConsentId }), 422, "business-rule", Because: "consent-not-active"),
            new(Role.ClinicianB, ApiRequest.Post($"{record}/accesses", new { consentId = s.ImagingConsentId }), 400, "validation", Field: "purpose"),
            new(Role.ClinicianB, ApiRequest.Post($"{record}/accesses", new { consentId = s.ImagingConsentId, purpose = "treatment" }), 422, "business-rule", Because: "consent-scope"),
            new(Role.ClinicianB, ApiRequest.Post($"/api/health/records/{unknown}/accesses", new { consentId = s.ImagingConsentId, purpose = "treatment" }), 404, "not-found", Because: unknown),
            new(Role.ClinicianB, ApiRequest.Get($"/api/health/accesses/{unknown}"), 404, "not-found", Because: unknown),
            new(Role.ClinicianB, ApiRequest.Get($"/api/health/accesses/{s.AccessAuditId}"), 422, "business-rule", Because: "consent-not-active"),
            new(Role.AdminB, ApiRequest.Get($"/api/health/consents/{Bad}/shares"), 400, "validation", Field: "consentId"),

            // Emergency access
            new(Role.ClinicianB, ApiRequest.Post($"{record}/emergency-access", new { }), 400, "validation", Field: "reason"),
            new(Role.ClinicianB, ApiRequest.Post($"/api/health/records/{unknown}/emergency-access", new { reason = "Unconscious." }), 404, "not-found", Because: unknown),
            new(Role.ClinicianB, ApiRequest.Post($"{errorRecord}/emergency-access", new { reason = "Unconscious." }), 422, "business-rule", Because: "record-entered-in-error"),
            new(Role.AdminB, ApiRequest.Post($"/api/health/emergency-access/{unknown}/end"), 404, "not-found", Because: unknown),
            new(Role.AdminB, ApiRequest.Post($"/api/health/emergency-access/{s.EmergencyId}/end"), 422, "business-rule", Because: "emergency-access-period"),
            new(Role.AdminB, ApiRequest.Get($"/api/health/emergency-access/{unknown}"), 404, "not-found", Because: unknown),
            new(Role.AdminB, ApiRequest.Get($"/api/health/emergency-access/{Bad}"), 400, "validation", Field: "emergencyAccessId"),
            new(Role.AdminB, ApiRequest.Get($"/api/health/emergency-access/{unknown}/reason"), 404, "not-found", Because: unknown),
            new(Role.AdminA, ApiRequest.Post($"/api/health/emergency-access/{unknown}/share"), 404, "not-found", Because: unknown),
            new(Role.AdminA, ApiRequest.Post($"/api/health/emergency-access/{s.EmergencyId}/share"), 409, "conflict", Because: "already shared"),
            new(Role.AdminA, ApiRequest.Get($"/api/health/emergency-access/{Bad}/shares"), 400, "validation", Field: "emergencyAccessId"),
        ];
    }

    /// <summary>Sends every refusal; returns what did not answer as expected (all of them, not just the first).</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(HealthApi api, IReadOnlyList<Refusal> table, CancellationToken cancellationToken)
    {
        var mismatches = new List<string>();
        foreach (var refusal in table)
        {
            var answer = await api.SendAsync(refusal.Role, refusal.Request, cancellationToken);
            if (HealthApi.ProblemMismatch(answer, refusal.Status, refusal.Type, refusal.Field, refusal.Because) is { } mismatch)
            {
                mismatches.Add($"{refusal}: {mismatch}");
            }
        }

        return mismatches;
    }

    /// <summary>The endpoints (as "METHOD /pattern") the table refuses at least once.</summary>
    public static IReadOnlySet<string> Covered(HealthApi api, IReadOnlyList<Refusal> table) =>
        table.Select(r => api.Coverage.Match(r.Request.Method, r.Request.Path) ?? $"(no endpoint) {r.Request}").ToHashSet(StringComparer.Ordinal);
}
