using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway.Health;

/// <summary>
/// What the walkthrough leaves on the ledger, in the states the refusals and the authorization matrix need: a record
/// amended to version 2 and one entered in error, consents revoked, entered in error, expired and active (but not
/// covering the record), amendments accepted and denied, and two emergency accesses (a one-minute one, ended at the
/// very end, and a day-long one). The walk also leaves a record of hospital B with a requested amendment.
/// </summary>
internal sealed record HealthLedgerState(
    string RecordId,
    string ErrorRecordId,
    string RevokedConsentId,
    string ErrorConsentId,
    string ExpiredConsentId,
    string ImagingConsentId,
    string AcceptedAmendmentId,
    string DeniedAmendmentId,
    string AccessAuditId,
    string ShortEmergencyId,
    DateTimeOffset ShortEmergencyExpiresAt,
    string EmergencyId,
    JsonElement Configuration);

/// <summary>
/// The health-records process over HTTP so that every endpoint under /api/health answers 2xx at least once, each with
/// an assertion on what it changed or returned, and private values coming back only to those allowed to read them.
/// </summary>
internal sealed class HealthWalkthrough(HealthApi api, HealthRoles roles, TimeProvider time)
{
    private const string Configuration = "/api/health/configuration";
    private const string Laboratory = "laboratory";

    private readonly byte[] _content = Encoding.UTF8.GetBytes($"{{\"resourceType\":\"Observation\",\"valueString\":\"potassium 5.9 {UniqueIds.New("marker")}\"}}");
    private readonly byte[] _amendedContent = Encoding.UTF8.GetBytes($"{{\"resourceType\":\"Observation\",\"valueString\":\"potassium 4.1 {UniqueIds.New("marker")}\"}}");
    private readonly string _amendmentText = $"The potassium value belongs to another sample ({UniqueIds.New("text")}).";
    private readonly string _denialReason = $"The second sample confirmed the value ({UniqueIds.New("reason")}).";
    private readonly string _emergencyReason = $"Unconscious on arrival, potassium unknown ({UniqueIds.New("reason")}).";

    /// <summary>
    /// Configures the chaincode, unless another test did already (then the 409 counts for the endpoint's coverage).
    /// </summary>
    public async Task ConfigureAsync(CancellationToken cancellationToken)
    {
        var answer = await api.SendAsync(Role.AdminA, ApiRequest.Post(Configuration, new { hospitalMspIds = new[] { HealthRoles.HospitalA, HealthRoles.HospitalB } }), cancellationToken);
        if (answer.Status == 409)
        {
            HealthApi.ProblemMismatch(answer, 409, "conflict", because: "already configured").Should().BeNull();
            api.Coverage.CountInstead(HttpMethod.Post, Configuration, "another test on this network initialized the chaincode first; its answer was 409 'already configured'");
            return;
        }

        answer.Status.Should().Be(201, answer.ToString());
        answer.Result.GetProperty("hospitalMspIds").EnumerateArray().Select(e => e.GetString()).Should().Equal(HealthRoles.HospitalA, HealthRoles.HospitalB);
    }

    public async Task<HealthLedgerState> RunAsync(CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var original = (await api.GetAsync(Role.MemberA, Configuration, ct)).Json;
        original.GetProperty("hospitalMspIds").EnumerateArray().Select(e => e.GetString()).Should().Contain([HealthRoles.HospitalA, HealthRoles.HospitalB]);

        var recordId = UniqueIds.New("rec");
        var registered = await RegisterAsync(recordId, _content, ct);
        registered.Location.Should().EndWith($"/api/health/records/{recordId}");
        registered.Result.GetProperty("version").GetInt32().Should().Be(1);
        registered.Result.GetProperty("status").GetString().Should().Be("current");
        registered.Result.GetProperty("authorMspId").GetString().Should().Be(HealthRoles.HospitalA);
        var contentHash = registered.Result.GetProperty("contentHash").GetString()!;

        // An emergency access lasts at least a minute; one opened under a one-minute configuration can be ended
        // within this test. The configuration is put back at once (the access keeps its own expiry).
        var (shortEmergencyId, shortExpiresAt) = await OpenShortEmergencyAsync(recordId, original, ct);
        (await api.PostAsync(Role.ClinicianA, $"/api/health/emergency-access/{shortEmergencyId}/share", null, ct)).Result
            .GetProperty("status").GetString().Should().Be("shared");

        // Consents: one that ends within seconds (recorded as expired later; the margin lets a slow machine's grant
        // still be endorsed before the period ends), the treatment consent, one not covering laboratory records, a draft.
        var expiringConsentId = UniqueIds.New("consent");
        var expiringEnd = time.GetUtcNow().AddSeconds(15);
        await GrantAsync(expiringConsentId, [Laboratory], expiringEnd, draft: false, ct);
        var consentId = UniqueIds.New("consent");
        var granted = await GrantAsync(consentId, [Laboratory], time.GetUtcNow().AddDays(30), draft: false, ct);
        granted.Location.Should().EndWith($"/api/health/consents/{consentId}");
        granted.Result.GetProperty("status").GetString().Should().Be("active");
        granted.Result.GetProperty("patientId").GetString().Should().Be(roles.PatientId, "the patient is the caller's certificate's patientId");
        var imagingConsentId = UniqueIds.New("consent");
        await GrantAsync(imagingConsentId, ["imaging"], time.GetUtcNow().AddDays(30), draft: false, ct);
        var draftConsentId = UniqueIds.New("consent");
        (await GrantAsync(draftConsentId, [Laboratory], time.GetUtcNow().AddDays(30), draft: true, ct)).Result
            .GetProperty("status").GetString().Should().Be("draft");

        // A shares under the consent; B records an access and reads the copy, checking the public hash itself.
        var share = await api.PostAsync(Role.ClinicianA, $"/api/health/records/{recordId}/shares", new { consentId }, ct);
        share.Result.GetProperty("status").GetString().Should().Be("shared");
        share.Result.GetProperty("granteeMspId").GetString().Should().Be(HealthRoles.HospitalB);
        var access = await api.PostAsync(Role.ClinicianB, $"/api/health/records/{recordId}/accesses", new { consentId, purpose = "treatment" }, ct, 201);
        var accessAuditId = access.TransactionId;
        access.Location.Should().EndWith($"/api/health/accesses/{accessAuditId}");
        access.Result.GetProperty("type").GetString().Should().Be("access");
        var read = await api.GetAsync(Role.ClinicianB, $"/api/health/accesses/{accessAuditId}", ct);
        read.Json.GetProperty("content").GetBytesFromBase64().Should().Equal(_content);
        HashOf(read.Json).Should().Be(contentHash, "B verifies the copy against the hash published at registration");
        var consentShares = await api.GetAsync(Role.AdminB, $"/api/health/consents/{consentId}/shares", ct);
        consentShares.Json.EnumerateArray().Should().ContainSingle().Which.GetProperty("status").GetString().Should().Be("shared");

        // Reads of metadata: the consent, the patient's lists, the record (no content for anyone, even another hospital's staff).
        (await api.GetAsync(Role.Patient, $"/api/health/consents/{consentId}", ct)).Json.GetProperty("granteeMspId").GetString().Should().Be(HealthRoles.HospitalB);
        (await api.GetAsync(Role.Patient, "/api/health/consents", ct)).Json.EnumerateArray().Select(c => c.GetProperty("consentId").GetString())
            .Should().Contain([consentId, imagingConsentId, draftConsentId, expiringConsentId]);
        (await api.GetAsync(Role.Patient, "/api/health/records", ct)).Json.EnumerateArray().Select(r => r.GetProperty("recordId").GetString()).Should().Contain(recordId);
        var metadata = await api.GetAsync(Role.AdminB, $"/api/health/records/{recordId}", ct);
        metadata.Json.GetProperty("contentHash").GetString().Should().Be(contentHash);
        metadata.Json.TryGetProperty("content", out _).Should().BeFalse("record metadata never carries the content");
        metadata.Text.Should().NotContain(Convert.ToBase64String(_content));

        var (acceptedAmendmentId, deniedAmendmentId) = await AmendAsync(recordId, ct);
        await AmendAtOtherHospitalAsync(ct);

        // Break the glass at B: A shares for the emergency, B reads; B's staff and the patient see the reason and the share.
        var emergency = await api.PostAsync(Role.ClinicianB, $"/api/health/records/{recordId}/emergency-access", new { reason = _emergencyReason }, ct, 201);
        var emergencyId = "emergency-" + emergency.TransactionId;
        emergency.Location.Should().EndWith($"/api/health/emergency-access/{emergencyId}");
        var emergencyAuditId = emergency.Result.GetProperty("auditEntry").GetProperty("auditId").GetString()!;
        emergency.Result.GetProperty("auditEntry").GetProperty("type").GetString().Should().Be("emergencyOverride");
        emergency.Text.Should().NotContain(_emergencyReason, "the reason is private: only its hash is in the transaction");
        (await api.PostAsync(Role.AdminA, $"/api/health/emergency-access/{emergencyId}/share", null, ct)).Result
            .GetProperty("version").GetInt32().Should().Be(2, "the current version is shared");
        var emergencyRead = await api.GetAsync(Role.ClinicianB, $"/api/health/accesses/{emergencyAuditId}", ct);
        emergencyRead.Json.GetProperty("content").GetBytesFromBase64().Should().Equal(_amendedContent);
        emergencyRead.Json.GetProperty("hashVerified").GetBoolean().Should().BeTrue();
        (await api.GetAsync(Role.AdminB, $"/api/health/emergency-access/{emergencyId}/reason", ct)).Json.GetProperty("reason").GetString().Should().Be(_emergencyReason);
        var emergencyRecord = await api.GetAsync(Role.Patient, $"/api/health/emergency-access/{emergencyId}", ct);
        emergencyRecord.Json.GetProperty("granteeMspId").GetString().Should().Be(HealthRoles.HospitalB);
        emergencyRecord.Json.GetProperty("recordId").GetString().Should().Be(recordId);
        emergencyRecord.Text.Should().NotContain(_emergencyReason, "the public record carries only the reason's hash");
        (await api.GetAsync(Role.Patient, $"/api/health/emergency-access/{emergencyId}/reason", ct)).Json.GetProperty("reason").GetString()
            .Should().Be(_emergencyReason, "the patient, enrolled at A, reads the reason B's peer holds");
        (await api.GetAsync(Role.Patient, $"/api/health/emergency-access/{emergencyId}/shares", ct)).Json.EnumerateArray()
            .Should().ContainSingle().Which.GetProperty("granteeMspId").GetString().Should().Be(HealthRoles.HospitalB);

        // Private values do not come back to anyone else, not even in the refusal.
        await ExpectWithheldAsync(403, Role.AdminA, $"/api/health/emergency-access/{emergencyId}/reason", _emergencyReason, ct);
        await ExpectWithheldAsync(403, Role.ClinicianB, $"/api/health/amendments/{acceptedAmendmentId}", _amendmentText, ct);
        await ExpectWithheldAsync(403, Role.Patient, $"/api/health/accesses/{accessAuditId}", Convert.ToBase64String(_content), ct);
        await ExpectWithheldAsync(404, Role.ClinicianA, $"/api/health/accesses/{emergencyAuditId}", Convert.ToBase64String(_amendedContent), ct);

        // The patient revokes: the copy is purged and B can no longer read it.
        (await api.PostAsync(Role.Patient, $"/api/health/consents/{consentId}/revoke", null, ct)).Result.GetProperty("status").GetString().Should().Be("inactive");
        (await api.GetAsync(Role.ClinicianB, $"/api/health/consents/{consentId}/shares", ct)).Json.EnumerateArray()
            .Should().ContainSingle().Which.GetProperty("status").GetString().Should().Be("purged");

        // The draft is put in force, then marked as a mistake; the short consent is recorded as expired once its period ended.
        (await api.PostAsync(Role.Patient, $"/api/health/consents/{draftConsentId}/activate", null, ct)).Result.GetProperty("status").GetString().Should().Be("active");
        (await api.PostAsync(Role.Patient, $"/api/health/consents/{draftConsentId}/entered-in-error", null, ct)).Result.GetProperty("status").GetString().Should().Be("entered-in-error");
        await DelayUntilAsync(expiringEnd.AddSeconds(1), ct);
        (await api.PostAsync(Role.AdminB, $"/api/health/consents/{expiringConsentId}/expire", null, ct)).Result.GetProperty("status").GetString().Should().Be("inactive");

        // A second record, entered in error by its author.
        var errorRecordId = UniqueIds.New("rec");
        await RegisterAsync(errorRecordId, _content, ct);
        (await api.PostAsync(Role.ClinicianA, $"/api/health/records/{errorRecordId}/entered-in-error", null, ct)).Result
            .GetProperty("status").GetString().Should().Be("entered-in-error");

        // The access logs: the patient sees every access to their records; B sees the accesses B made, and only those.
        var mine = (await api.GetAsync(Role.Patient, "/api/health/audit/mine", ct)).Json.EnumerateArray().ToList();
        mine.Should().Contain(e => e.GetProperty("auditId").GetString() == accessAuditId && e.GetProperty("agentMspId").GetString() == HealthRoles.HospitalB);
        mine.Should().Contain(e => e.GetProperty("auditId").GetString() == emergencyAuditId && e.GetProperty("type").GetString() == "emergencyOverride");
        mine.Should().Contain(e => e.GetProperty("type").GetString() == "disclosure" && ConsentOf(e) == consentId);
        var organization = (await api.GetAsync(Role.ClinicianB, "/api/health/audit/organization", ct)).Json.EnumerateArray().ToList();
        organization.Select(e => e.GetProperty("auditId").GetString()).Should().Contain([accessAuditId, emergencyAuditId]);
        organization.Should().OnlyContain(e => e.GetProperty("agentMspId").GetString() == HealthRoles.HospitalB);

        return new HealthLedgerState(
            recordId, errorRecordId, consentId, draftConsentId, expiringConsentId, imagingConsentId, acceptedAmendmentId, deniedAmendmentId,
            accessAuditId, shortEmergencyId, shortExpiresAt, emergencyId, original);
    }

    /// <summary>Ends the one-minute emergency access once it expired: its shared copy is purged.</summary>
    public async Task EndShortEmergencyAsync(HealthLedgerState state, CancellationToken cancellationToken)
    {
        await DelayUntilAsync(state.ShortEmergencyExpiresAt.AddSeconds(1), cancellationToken);
        var ended = await api.PostAsync(Role.ClinicianA, $"/api/health/emergency-access/{state.ShortEmergencyId}/end", null, cancellationToken);
        ended.Result.EnumerateArray().Select(e => e.GetString()).Should().Equal([state.RecordId], "the copy shared for the emergency is purged");
        (await api.GetAsync(Role.AdminA, $"/api/health/emergency-access/{state.ShortEmergencyId}/shares", cancellationToken)).Json.EnumerateArray()
            .Should().ContainSingle().Which.GetProperty("status").GetString().Should().Be("purged");
    }

    private async Task<(string Id, DateTimeOffset ExpiresAt)> OpenShortEmergencyAsync(string recordId, JsonElement original, CancellationToken ct)
    {
        var hospitals = original.GetProperty("hospitalMspIds").EnumerateArray().Select(e => e.GetString()).ToArray();
        var ticket = original.GetProperty("accessTicketMinutes").GetInt32();
        var updated = await api.PutAsync(Role.AdminA, Configuration, new { hospitalMspIds = hospitals, accessTicketMinutes = ticket, emergencyAccessMinutes = 1 }, ct);
        try
        {
            updated.Result.GetProperty("emergencyAccessMinutes").GetInt32().Should().Be(1);
            (await api.GetAsync(Role.Patient, Configuration, ct)).Json.GetProperty("emergencyAccessMinutes").GetInt32().Should().Be(1, "the update is in force");
            var opened = await api.PostAsync(Role.ClinicianB, $"/api/health/records/{recordId}/emergency-access", new { reason = _emergencyReason }, ct, 201);
            var access = opened.Result.GetProperty("emergencyAccess");
            (access.GetProperty("expiresAt").GetDateTimeOffset() - access.GetProperty("grantedAt").GetDateTimeOffset()).Should().Be(TimeSpan.FromMinutes(1));
            return ("emergency-" + opened.TransactionId, access.GetProperty("expiresAt").GetDateTimeOffset());
        }
        finally
        {
            var restored = await api.SendAsync(
                Role.AdminB, ApiRequest.Put(Configuration, new { hospitalMspIds = hospitals, accessTicketMinutes = ticket, emergencyAccessMinutes = original.GetProperty("emergencyAccessMinutes").GetInt32() }), CancellationToken.None);
            restored.Status.Should().Be(200, restored.ToString());
            restored.Result.GetProperty("emergencyAccessMinutes").GetInt32().Should().Be(original.GetProperty("emergencyAccessMinutes").GetInt32());
        }
    }

    private async Task<(string Accepted, string Denied)> AmendAsync(string recordId, CancellationToken ct)
    {
        var requested = await api.PostAsync(Role.Patient, $"/api/health/records/{recordId}/amendments", new { text = _amendmentText }, ct, 201);
        var acceptedId = requested.TransactionId;
        requested.Location.Should().EndWith($"/api/health/amendments/{acceptedId}");
        requested.Result.GetProperty("status").GetString().Should().Be("requested");
        requested.Text.Should().NotContain(_amendmentText, "the request text is private");
        (await api.GetAsync(Role.Patient, $"/api/health/amendments/{acceptedId}", ct)).Json.GetProperty("requestText").GetString().Should().Be(_amendmentText);
        var accepted = await api.PostAsync(Role.ClinicianA, $"/api/health/amendments/{acceptedId}/accept", new { content = _amendedContent }, ct);
        accepted.Result.GetProperty("version").GetInt32().Should().Be(2);
        accepted.Result.GetProperty("amendmentId").GetString().Should().Be(acceptedId);
        var acceptedRecord = await api.GetAsync(Role.ClinicianA, $"/api/health/amendments/{acceptedId}/status", ct);
        acceptedRecord.Json.GetProperty("status").GetString().Should().Be("accepted");
        acceptedRecord.Json.GetProperty("resultingVersion").GetInt32().Should().Be(2);
        acceptedRecord.Text.Should().NotContain(_amendmentText, "the public record carries only the text's hash");
        var history = await api.GetAsync(Role.Patient, $"/api/health/records/{recordId}/history", ct);
        history.Json.EnumerateArray().Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("status").GetString()))
            .Should().Equal([(1, "superseded"), (2, "current")], "amend, never erase");

        var second = await api.PostAsync(Role.Patient, $"/api/health/records/{recordId}/amendments", new { text = _amendmentText }, ct, 201);
        var deniedId = second.TransactionId;
        (await api.PostAsync(Role.ClinicianA, $"/api/health/amendments/{deniedId}/deny", new { reason = _denialReason }, ct)).Result
            .GetProperty("status").GetString().Should().Be("denied");
        var denied = await api.GetAsync(Role.ClinicianA, $"/api/health/amendments/{deniedId}", ct);
        denied.Json.GetProperty("denialReason").GetString().Should().Be(_denialReason);
        denied.Json.GetProperty("amendment").GetProperty("status").GetString().Should().Be("denied");
        (await api.GetAsync(Role.Patient, $"/api/health/records/{recordId}", ct)).Json.GetProperty("version").GetInt32().Should().Be(2, "a denial changes nothing");
        return (acceptedId, deniedId);
    }

    /// <summary>
    /// A record authored at B for the patient, who is enrolled at A: the amendment request is endorsed on B's peer (the
    /// text goes to B's implicit collection) and the patient reads it back there, each found by the gateway itself.
    /// </summary>
    private async Task AmendAtOtherHospitalAsync(CancellationToken ct)
    {
        var recordId = UniqueIds.New("rec");
        (await RegisterAsync(recordId, _content, ct, Role.ClinicianB)).Result.GetProperty("authorMspId").GetString().Should().Be(HealthRoles.HospitalB);
        var amendmentId = (await api.PostAsync(Role.Patient, $"/api/health/records/{recordId}/amendments", new { text = _amendmentText }, ct, 201)).TransactionId;
        var status = await api.GetAsync(Role.Patient, $"/api/health/amendments/{amendmentId}/status", ct);
        status.Json.GetProperty("authorMspId").GetString().Should().Be(HealthRoles.HospitalB);
        status.Json.GetProperty("status").GetString().Should().Be("requested");
        (await api.GetAsync(Role.Patient, $"/api/health/amendments/{amendmentId}", ct)).Json.GetProperty("requestText").GetString()
            .Should().Be(_amendmentText, "the patient, enrolled at A, reads the text B's peer holds");
    }

    private async Task ExpectWithheldAsync(int status, Role role, string path, string privateValue, CancellationToken ct)
    {
        var answer = await api.ExpectAsync(status, role, ApiRequest.Get(path), ct);
        answer.Text.Should().NotContain(privateValue, "{0} may not read it", role);
    }

    private Task<ApiAnswer> RegisterAsync(string recordId, byte[] content, CancellationToken ct, Role author = Role.ClinicianA) =>
        api.PostAsync(
            author, "/api/health/records",
            new { recordId, patientId = roles.PatientId, category = Laboratory, typeCode = "11502-2", contentType = "application/fhir+json", content }, ct, 201);

    private Task<ApiAnswer> GrantAsync(string consentId, string[] categories, DateTimeOffset periodEnd, bool draft, CancellationToken ct) =>
        api.PostAsync(
            Role.Patient, "/api/health/consents",
            new { consentId, granteeMspId = HealthRoles.HospitalB, scope = new { categories }, purpose = "treatment", periodEnd, draft }, ct, 201);

    private async Task DelayUntilAsync(DateTimeOffset moment, CancellationToken ct)
    {
        var wait = moment - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }
    }

    /// <summary>The consent an audit entry relied on (the property is absent for emergency entries).</summary>
    private static string? ConsentOf(JsonElement auditEntry) =>
        auditEntry.TryGetProperty("consentId", out var consentId) ? consentId.GetString() : null;

    private static string HashOf(JsonElement sharedRecord) =>
        Convert.ToHexStringLower(SHA256.HashData([.. sharedRecord.GetProperty("salt").GetBytesFromBase64(), .. sharedRecord.GetProperty("content").GetBytesFromBase64()]));
}
