using System.Text.Json;
using FluentAssertions;
using HealthRecords.Tests.Support;

namespace HealthRecords.Tests.Contracts;

public sealed class AuditContractTests
{
    private readonly HealthHarness _h = new();

    [Fact]
    public async Task ListMyAccessLog_AfterAccess_WhoWhichWhenPurposeConsent()
    {
        await _h.ShareRecordWithBAsync();
        _h.Time.Advance(TimeSpan.FromHours(3));
        var access = await _h.RequestAccessAsync();

        var log = await _h.CallAsync<JsonElement>(_h.Patient, "Audit:ListMyAccessLog", []);

        var entry = log.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "access");
        entry.GetProperty("auditId").GetString().Should().Be(access.GetProperty("auditId").GetString());
        entry.GetProperty("agentMspId").GetString().Should().Be(HealthHarness.HospitalB);
        entry.GetProperty("agentId").GetString().Should().NotBeNullOrEmpty();
        entry.GetProperty("recordId").GetString().Should().Be("rec-1");
        entry.GetProperty("recordedAt").GetDateTimeOffset().Should().Be(HealthHarness.Start.AddHours(3));
        entry.GetProperty("purpose").GetString().Should().Be("treatment");
        entry.GetProperty("consentId").GetString().Should().Be("consent-1");
    }

    [Fact]
    public async Task ListMyAccessLog_OtherPatient_Empty()
    {
        await _h.ShareRecordWithBAsync();
        await _h.RequestAccessAsync();

        var log = await _h.CallAsync<JsonElement>(_h.OtherPatient, "Audit:ListMyAccessLog", []);

        log.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task ListMyAccessLog_ByClinician_403()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(403, _h.ClinicianB, "Audit:ListMyAccessLog", []);
    }

    [Fact]
    public async Task ListOrganizationAccessLog_EachHospital_OnlyItsOwnAccesses()
    {
        await _h.ShareRecordWithBAsync();
        await _h.RequestAccessAsync();

        var logB = await _h.CallAsync<JsonElement>(_h.ClinicianB, "Audit:ListOrganizationAccessLog", []);
        var logA = await _h.CallAsync<JsonElement>(_h.AdminA, "Audit:ListOrganizationAccessLog", []);

        logB.EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Equal("access");
        logA.EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Equal("disclosure");
    }

    [Fact]
    public async Task ListOrganizationAccessLog_ByPatient_403()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(403, _h.Patient, "Audit:ListOrganizationAccessLog", []);
    }
}
