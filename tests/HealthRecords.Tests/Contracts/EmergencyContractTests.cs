using System.Text;
using System.Text.Json;
using FluentAssertions;
using HealthRecords.Tests.Support;

namespace HealthRecords.Tests.Contracts;

public sealed class EmergencyContractTests
{
    private const string Reason = "Unconscious on arrival in the emergency room, suspected anaphylaxis.";
    private readonly HealthHarness _h = new();

    private async Task<JsonElement> BreakTheGlassAsync(TestUser? clinician = null)
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();
        return await _h.CallAsync<JsonElement>(clinician ?? _h.ClinicianB, "Emergency:BreakTheGlass", ["rec-1"], HealthHarness.Text("emergency", Reason));
    }

    [Fact]
    public async Task BreakTheGlass_ClinicianWithReason_EmergencyOverrideAuditedAndEvent()
    {
        var result = await BreakTheGlassAsync();

        var entry = result.GetProperty("auditEntry");
        entry.GetProperty("type").GetString().Should().Be("emergencyOverride");
        entry.GetProperty("purpose").GetString().Should().Be("emergencyTreatment");
        entry.GetProperty("agentMspId").GetString().Should().Be(HealthHarness.HospitalB);
        result.GetProperty("emergencyAccess").GetProperty("expiresAt").GetDateTimeOffset().Should().Be(HealthHarness.Start.AddHours(24));
        _h.Stub.Events[^1].Name.Should().Be("EmergencyAccess");
        var log = await _h.CallAsync<JsonElement>(_h.Patient, "Audit:ListMyAccessLog", []);
        log.EnumerateArray().Should().ContainSingle(e => e.GetProperty("type").GetString() == "emergencyOverride");
        _h.Stub.ShouldNotBePublic(Reason);
    }

    [Fact]
    public async Task BreakTheGlass_NoReason_400()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        var message = await _h.FailAsync(400, _h.ClinicianB, "Emergency:BreakTheGlass", ["rec-1"], HealthHarness.Text("emergency", "  "));

        message.Should().Contain("emergency.text");
    }

    [Fact]
    public async Task BreakTheGlass_NoTransientReason_400()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        await _h.FailAsync(400, _h.ClinicianB, "Emergency:BreakTheGlass", ["rec-1"]);
    }

    [Fact]
    public async Task BreakTheGlass_ByPatient_403()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        await _h.FailAsync(403, _h.Patient, "Emergency:BreakTheGlass", ["rec-1"], HealthHarness.Text("emergency", Reason));
    }

    [Fact]
    public async Task BreakTheGlass_ThenAuthorShares_ClinicianReadsVerifiedContent()
    {
        var result = await BreakTheGlassAsync();
        var emergencyId = result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!;
        var auditId = result.GetProperty("auditEntry").GetProperty("auditId").GetString()!;
        await _h.FailAsync(409, _h.ClinicianB, "Sharing:ReadSharedRecord", [auditId]);

        await _h.CallAsync<JsonElement>(_h.ClinicianA, "Sharing:ShareForEmergency", [emergencyId]);
        var read = await _h.ReadAsync(auditId);

        Encoding.UTF8.GetString(read.GetProperty("content").GetBytesFromBase64()).Should().Be(HealthHarness.RecordContent);
        read.GetProperty("hashVerified").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task BreakTheGlass_ByAuthorsClinician_ReadsFromImplicitCollection()
    {
        var result = await BreakTheGlassAsync(_h.ClinicianA);

        var read = await _h.ReadAsync(result.GetProperty("auditEntry").GetProperty("auditId").GetString()!, _h.ClinicianA);

        Encoding.UTF8.GetString(read.GetProperty("content").GetBytesFromBase64()).Should().Be(HealthHarness.RecordContent);
    }

    [Fact]
    public async Task ShareForEmergency_ByNonAuthor_403()
    {
        var result = await BreakTheGlassAsync();
        var emergencyId = result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!;

        await _h.FailAsync(403, _h.ClinicianB, "Sharing:ShareForEmergency", [emergencyId], peerMspId: HealthHarness.HospitalA);
    }

    [Fact]
    public async Task ShareForEmergency_AfterExpiry_422()
    {
        var result = await BreakTheGlassAsync();
        _h.Time.Advance(TimeSpan.FromHours(24));

        var message = await _h.FailAsync(422, _h.ClinicianA, "Sharing:ShareForEmergency", [result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!]);

        message.Should().Contain("emergency-access-expired");
    }

    [Fact]
    public async Task EndEmergencyAccess_BeforeExpiry_422()
    {
        var result = await BreakTheGlassAsync();

        await _h.FailAsync(422, _h.ClinicianA, "Emergency:EndEmergencyAccess", [result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!]);
    }

    [Fact]
    public async Task EndEmergencyAccess_AfterExpiry_CopyPurgedAndReadFails()
    {
        var result = await BreakTheGlassAsync();
        var emergencyId = result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!;
        await _h.CallAsync<JsonElement>(_h.ClinicianA, "Sharing:ShareForEmergency", [emergencyId]);
        _h.Time.Advance(TimeSpan.FromHours(24));

        var purged = await _h.CallAsync<JsonElement>(_h.ClinicianB, "Emergency:EndEmergencyAccess", [emergencyId]);

        purged.EnumerateArray().Select(e => e.GetString()).Should().Equal("rec-1");
        _h.Stub.PrivateState("health_pair_HospitalAMSP_HospitalBMSP").Should().BeEmpty();
        _h.Stub.Events[^1].Name.Should().Be("SharesPurged");
    }

    [Fact]
    public async Task GetEmergencyReason_ByPatient_ReasonFromClinicianHospital()
    {
        var result = await BreakTheGlassAsync();
        var emergencyId = result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!;

        var view = await _h.CallAsync<JsonElement>(_h.Patient, "Emergency:GetEmergencyReason", [emergencyId], peerMspId: HealthHarness.HospitalB);

        view.GetProperty("reason").GetString().Should().Be(Reason);
    }

    [Fact]
    public async Task GetEmergencyReason_ByOtherPatient_403()
    {
        var result = await BreakTheGlassAsync();

        await _h.FailAsync(403, _h.OtherPatient, "Emergency:GetEmergencyReason",
            [result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!], peerMspId: HealthHarness.HospitalB);
    }

    [Fact]
    public async Task GetEmergencyAccess_ByPatientOnOwnHospitalsPeer_PublicRecordWithoutReason()
    {
        var result = await BreakTheGlassAsync();
        var emergencyId = result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!;

        // The patient is enrolled at hospital A, the reason is at B: the public record needs no peer of B.
        var response = await _h.InvokeAsync(_h.Patient, "Emergency:GetEmergencyAccess", [emergencyId], peerMspId: HealthHarness.HospitalA);

        response.Status.Should().Be(200, response.Message);
        var access = JsonDocument.Parse(response.Payload).RootElement;
        access.GetProperty("emergencyAccessId").GetString().Should().Be(emergencyId);
        access.GetProperty("granteeMspId").GetString().Should().Be(HealthHarness.HospitalB);
        access.GetProperty("reasonHash").GetString().Should().NotBeNullOrEmpty();
        access.TryGetProperty("reason", out _).Should().BeFalse();
        Encoding.UTF8.GetString(response.Payload.Span).Should().NotContain(Reason);
    }

    [Fact]
    public async Task GetEmergencyAccess_ByStaffOfClinicianHospital_Allowed()
    {
        var result = await BreakTheGlassAsync();
        var emergencyId = result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!;

        var access = await _h.CallAsync<JsonElement>(_h.OtherClinicianB, "Emergency:GetEmergencyAccess", [emergencyId]);

        access.GetProperty("clinicianId").GetString().Should().Be(result.GetProperty("emergencyAccess").GetProperty("clinicianId").GetString());
    }

    [Fact]
    public async Task GetEmergencyAccess_ByOtherPatient_403()
    {
        var result = await BreakTheGlassAsync();

        await _h.FailAsync(403, _h.OtherPatient, "Emergency:GetEmergencyAccess", [result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!]);
    }

    [Fact]
    public async Task GetEmergencyAccess_ByClinicianOfAnotherHospital_403()
    {
        var result = await BreakTheGlassAsync();

        // Hospital A authored the record, but the emergency access is B's.
        await _h.FailAsync(403, _h.ClinicianA, "Emergency:GetEmergencyAccess", [result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!]);
    }

    [Fact]
    public async Task GetEmergencyAccess_UnknownId_404()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(404, _h.Patient, "Emergency:GetEmergencyAccess", ["emergency-unknown"]);
    }

    [Fact]
    public async Task GetEmergencyAccess_MalformedId_400()
    {
        await _h.InitializeAsync();

        var message = await _h.FailAsync(400, _h.Patient, "Emergency:GetEmergencyAccess", ["emergency access"]);

        message.Should().Contain("emergencyAccessId");
    }

    [Fact]
    public async Task GetEmergencyReason_OnPeerOfAnotherHospital_400NamesTheClinicianHospital()
    {
        var result = await BreakTheGlassAsync();

        var message = await _h.FailAsync(400, _h.Patient, "Emergency:GetEmergencyReason",
            [result.GetProperty("emergencyAccess").GetProperty("emergencyAccessId").GetString()!], peerMspId: HealthHarness.HospitalA);

        message.Should().Contain(HealthHarness.HospitalB);
    }
}
