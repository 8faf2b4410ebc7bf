using System.Text.Json;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway.Health;

/// <summary>What a role must get from an endpoint.</summary>
internal enum Access
{
    /// <summary>Not refused for who the caller is: 2xx, or 404/409/422 when the ledger's state does not fit.</summary>
    Allowed,

    /// <summary>403 ProblemDetails of type forbidden.</summary>
    Forbidden,

    /// <summary>404: the object is looked up where only the allowed callers' organization can see it.</summary>
    Hidden,
}

/// <summary>
/// One endpoint of the matrix: its request (which may differ for callers expected to be refused, e.g. a fresh ID, so
/// that a wrongly accepted write would show on the ledger), the roles the chaincode allows, and the other roles'
/// expected answer when it is not 403.
/// </summary>
internal sealed record MatrixRow(
    string Endpoint, Func<bool, ApiRequest> Request, IReadOnlySet<Role> Allowed, IReadOnlyDictionary<Role, Access>? Otherwise = null)
{
    public Access Expected(Role role) =>
        Allowed.Contains(role) ? Access.Allowed : Otherwise?.GetValueOrDefault(role, Access.Forbidden) ?? Access.Forbidden;
}

/// <summary>
/// Every health endpoint × every <see cref="Role"/>, expected from the chaincode's rules (docs/health-records.md and
/// the contracts' checks), not from observed answers, run against the state the walkthrough left. Every mismatch is
/// collected, and the writes refused are read back to prove nothing changed.
/// </summary>
internal sealed class HealthAuthorizationMatrix(HealthApi api, HealthRoles roles)
{
    public const string Initialize = "POST /api/health/configuration";

    private static readonly HashSet<Role> Everyone = [.. HealthRoles.All];
    private static readonly HashSet<Role> Admins = [Role.AdminA, Role.AdminB, Role.OrganizationAdminA];
    private static readonly HashSet<Role> Clinicians = [Role.ClinicianA, Role.ClinicianB];
    private static readonly HashSet<Role> Staff = [.. Admins, .. Clinicians];
    private static readonly HashSet<Role> Patients = [Role.Patient, Role.OtherPatient];
    private static readonly HashSet<Role> StaffOrThePatient = [.. Staff, Role.Patient];

    private readonly List<string> _refusedRecordIds = [];
    private readonly List<string> _refusedConsentIds = [];

    /// <summary>
    /// <c>Configuration:Initialize</c>: an admin of a listed hospital. Its role check is observable only before the
    /// chaincode is configured (after, everyone gets 409 first); <paramref name="configure"/> is then run by the first
    /// allowed role, after the refused roles were tried.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckInitializeAsync(bool configuredBefore, Func<Task> configure, CancellationToken cancellationToken)
    {
        var body = new { hospitalMspIds = new[] { HealthRoles.HospitalA, HealthRoles.HospitalB } };
        var mismatches = new List<string>();
        if (!configuredBefore)
        {
            foreach (var role in HealthRoles.All.Where(r => !Admins.Contains(r)))
            {
                var answer = await api.SendAsync(role, ApiRequest.Post("/api/health/configuration", body), cancellationToken);
                Check(mismatches, Initialize, role, Access.Forbidden, answer);
            }
        }

        await configure();
        foreach (var role in HealthRoles.All)
        {
            if (!configuredBefore && !Admins.Contains(role))
            {
                continue;
            }

            // Configured now: whoever calls gets 409 before any role check; for the admins that is the allowed answer.
            var answer = await api.SendAsync(role, ApiRequest.Post("/api/health/configuration", body), cancellationToken);
            if (HealthApi.ProblemMismatch(answer, 409, "conflict", because: "already configured") is { } mismatch)
            {
                mismatches.Add($"{Initialize} as {role} once configured: {mismatch}");
            }
        }

        return mismatches;
    }

    /// <summary>The expected table of every endpoint but <see cref="Initialize"/>.</summary>
    public IReadOnlyList<MatrixRow> Rows(HealthLedgerState s, DateTimeOffset now)
    {
        var record = $"/api/health/records/{s.RecordId}";
        var errorRecord = $"/api/health/records/{s.ErrorRecordId}";
        var configuration = s.Configuration;
        var nextMonth = now.AddDays(30);
        ApiRequest Register(bool allowed)
        {
            var recordId = allowed ? s.RecordId : Fresh(_refusedRecordIds, "rec");
            return ApiRequest.Post("/api/health/records", new
            {
                recordId, patientId = roles.PatientId, category = "laboratory", typeCode = "11502-2", contentType = "application/fhir+json", content = new byte[] { 7 },
            });
        }

        ApiRequest Grant(bool allowed)
        {
            var consentId = allowed ? s.RevokedConsentId : Fresh(_refusedConsentIds, "consent");
            return ApiRequest.Post("/api/health/consents", new
            {
                consentId, granteeMspId = HealthRoles.HospitalB, scope = new { categories = new[] { "laboratory" } }, purpose = "treatment", periodEnd = nextMonth,
            });
        }

        MatrixRow Get(string path, IReadOnlySet<Role> allowed, IReadOnlyDictionary<Role, Access>? otherwise = null) =>
            new(Endpoint(HttpMethod.Get, path), _ => ApiRequest.Get(path), allowed, otherwise);
        MatrixRow Post(string path, object? body, IReadOnlySet<Role> allowed) =>
            new(Endpoint(HttpMethod.Post, path), _ => ApiRequest.Post(path, body), allowed);

        return
        [
            new("PUT /api/health/configuration", _ => ApiRequest.Put("/api/health/configuration", configuration), Admins),
            Get("/api/health/configuration", Everyone),

            new("POST /api/health/records", Register, Clinicians),
            Post($"{errorRecord}/entered-in-error", null, new HashSet<Role> { Role.ClinicianA }),
            Get(record, StaffOrThePatient),
            Get($"{record}/history", StaffOrThePatient),
            Get("/api/health/records", Patients),

            Post($"{errorRecord}/amendments", new { text = "Please correct the value." }, new HashSet<Role> { Role.Patient }),
            Post($"/api/health/amendments/{s.AcceptedAmendmentId}/accept", new { content = new byte[] { 7 } }, new HashSet<Role> { Role.ClinicianA }),
            Post($"/api/health/amendments/{s.DeniedAmendmentId}/deny", new { reason = "Accurate as written." }, new HashSet<Role> { Role.ClinicianA }),
            // The patient, or staff of the author hospital (A); the other hospital's staff may not read the texts.
            Get($"/api/health/amendments/{s.AcceptedAmendmentId}", new HashSet<Role> { Role.Patient, Role.AdminA, Role.ClinicianA, Role.OrganizationAdminA }),
            // The public record: the same readers (it names the author, whose peer holds the texts).
            Get($"/api/health/amendments/{s.AcceptedAmendmentId}/status", new HashSet<Role> { Role.Patient, Role.AdminA, Role.ClinicianA, Role.OrganizationAdminA }),

            new("POST /api/health/consents", Grant, Patients),
            Post($"/api/health/consents/{s.RevokedConsentId}/activate", null, new HashSet<Role> { Role.Patient }),
            Post($"/api/health/consents/{s.RevokedConsentId}/revoke", null, new HashSet<Role> { Role.Patient }),
            Post($"/api/health/consents/{s.ErrorConsentId}/entered-in-error", null, new HashSet<Role> { Role.Patient }),
            // Anyone of a configured hospital may record an expiry: the consent's period decides, not the caller (the
            // gateway's lookup of the grantee, refused to a member without a role or another patient, does not stop it).
            Post($"/api/health/consents/{s.RevokedConsentId}/expire", null, Everyone),
            Get($"/api/health/consents/{s.RevokedConsentId}", StaffOrThePatient),
            Get("/api/health/consents", Patients),

            Post($"{record}/shares", new { consentId = s.RevokedConsentId }, new HashSet<Role> { Role.ClinicianA }),
            Post($"{record}/accesses", new { consentId = s.RevokedConsentId, purpose = "treatment" }, new HashSet<Role> { Role.ClinicianB }),
            // Only the clinician who recorded the access; another hospital's clinician looks in their own hospital's
            // access index, where the entry does not exist (404); everyone else is no clinician (403).
            Get($"/api/health/accesses/{s.AccessAuditId}", new HashSet<Role> { Role.ClinicianB }, new Dictionary<Role, Access> { [Role.ClinicianA] = Access.Hidden }),
            Get($"/api/health/consents/{s.RevokedConsentId}/shares", StaffOrThePatient),

            Post($"{errorRecord}/emergency-access", new { reason = "Unconscious on arrival." }, Clinicians),
            // Like an expiry: anyone of a configured hospital, once the access has expired (this one has not: 422).
            Post($"/api/health/emergency-access/{s.EmergencyId}/end", null, Everyone),
            // The record's patient, or staff of the hospital whose clinician broke the glass (B); the patient is
            // enrolled at A, so the gateway must evaluate the reason on B's peer.
            Get($"/api/health/emergency-access/{s.EmergencyId}", new HashSet<Role> { Role.Patient, Role.AdminB, Role.ClinicianB }),
            Get($"/api/health/emergency-access/{s.EmergencyId}/reason", new HashSet<Role> { Role.Patient, Role.AdminB, Role.ClinicianB }),
            // Staff of the author hospital (A), admins included: its system reacts to the emergency event.
            Post($"/api/health/emergency-access/{s.EmergencyId}/share", null, new HashSet<Role> { Role.AdminA, Role.ClinicianA, Role.OrganizationAdminA }),
            Get($"/api/health/emergency-access/{s.EmergencyId}/shares", StaffOrThePatient),

            Get("/api/health/audit/mine", Patients),
            Get("/api/health/audit/organization", Staff),
        ];

        string Endpoint(HttpMethod method, string path) => api.Coverage.Match(method, path) ?? $"(no endpoint) {method} {path}";
    }

    /// <summary>Every row × every role; returns each mismatch, with what was answered.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(IReadOnlyList<MatrixRow> rows, IReadOnlyDictionary<(string Endpoint, Role Role), string> excluded, CancellationToken cancellationToken)
    {
        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            foreach (var role in HealthRoles.All.Where(role => !excluded.ContainsKey((row.Endpoint, role))))
            {
                var expected = row.Expected(role);
                var answer = await api.SendAsync(role, row.Request(expected == Access.Allowed), cancellationToken);
                Check(mismatches, row.Endpoint, role, expected, answer);
            }
        }

        return mismatches;
    }

    /// <summary>Reads the ledger back after the matrix: the refused writes changed nothing.</summary>
    public async Task<IReadOnlyList<string>> CheckNothingChangedAsync(HealthLedgerState s, CancellationToken cancellationToken)
    {
        var changes = new List<string>();
        async Task<JsonElement> ReadAsync(string path)
        {
            var answer = await api.SendAsync(Role.AdminA, ApiRequest.Get(path), cancellationToken);
            return answer.Json;
        }

        void Expect(bool holds, string what)
        {
            if (!holds)
            {
                changes.Add(what);
            }
        }

        var configuration = await ReadAsync("/api/health/configuration");
        Expect(JsonElement.DeepEquals(configuration, s.Configuration), $"the configuration changed: {configuration}");
        var history = (await ReadAsync($"/api/health/records/{s.RecordId}/history")).EnumerateArray().Select(v => v.GetProperty("status").GetString()).ToList();
        Expect(history.SequenceEqual(["superseded", "current"]), $"record {s.RecordId} changed: {string.Join(", ", history)}");
        var errorHistory = (await ReadAsync($"/api/health/records/{s.ErrorRecordId}/history")).EnumerateArray().Select(v => v.GetProperty("status").GetString()).ToList();
        Expect(errorHistory.SequenceEqual(["entered-in-error"]), $"record {s.ErrorRecordId} changed: {string.Join(", ", errorHistory)}");
        Expect((await ReadAsync($"/api/health/consents/{s.RevokedConsentId}")).GetProperty("status").GetString() == "inactive", $"consent {s.RevokedConsentId} is no longer inactive");
        Expect((await ReadAsync($"/api/health/consents/{s.ErrorConsentId}")).GetProperty("status").GetString() == "entered-in-error", $"consent {s.ErrorConsentId} changed");
        Expect((await ReadAsync($"/api/health/amendments/{s.AcceptedAmendmentId}")).GetProperty("amendment").GetProperty("status").GetString() == "accepted", "the accepted amendment changed");
        Expect((await ReadAsync($"/api/health/amendments/{s.DeniedAmendmentId}")).GetProperty("amendment").GetProperty("status").GetString() == "denied", "the denied amendment changed");
        var emergencyShares = (await ReadAsync($"/api/health/emergency-access/{s.EmergencyId}/shares")).EnumerateArray().Select(e => e.GetProperty("status").GetString()).ToList();
        Expect(emergencyShares.SequenceEqual(["shared"]), $"the emergency shares changed: {string.Join(", ", emergencyShares)}");
        foreach (var recordId in _refusedRecordIds)
        {
            var answer = await api.SendAsync(Role.AdminA, ApiRequest.Get($"/api/health/records/{recordId}"), cancellationToken);
            Expect(answer.Status == 404, $"record {recordId}, registered by a refused caller, exists: {answer}");
        }

        foreach (var consentId in _refusedConsentIds)
        {
            var answer = await api.SendAsync(Role.AdminA, ApiRequest.Get($"/api/health/consents/{consentId}"), cancellationToken);
            Expect(answer.Status == 404, $"consent {consentId}, granted by a refused caller, exists: {answer}");
        }

        Expect(_refusedRecordIds.Count > 0 && _refusedConsentIds.Count > 0, "the matrix refused no registration or grant to read back");
        return changes;
    }

    private static void Check(List<string> mismatches, string endpoint, Role role, Access expected, ApiAnswer answer)
    {
        var mismatch = expected switch
        {
            Access.Allowed when answer.Status is >= 200 and < 300 => null,
            Access.Allowed when answer.Status is 404 or 409 or 422 && answer.MediaType == "application/problem+json" => null,
            Access.Allowed => $"expected to be allowed (2xx, or 404/409/422 for the state), got {answer}",
            Access.Forbidden => HealthApi.ProblemMismatch(answer, 403, "forbidden"),
            _ => HealthApi.ProblemMismatch(answer, 404, "not-found"),
        };
        if (mismatch is not null)
        {
            mismatches.Add($"{endpoint} as {role} ({expected}): {mismatch}");
        }
    }

    private static string Fresh(List<string> ids, string prefix)
    {
        var id = UniqueIds.New(prefix);
        ids.Add(id);
        return id;
    }
}
