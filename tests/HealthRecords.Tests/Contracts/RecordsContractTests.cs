using System.Text;
using System.Text.Json;
using Fabric.Chaincode;
using FluentAssertions;
using HealthRecords.Domain;
using HealthRecords.Internal;
using HealthRecords.Tests.Support;

namespace HealthRecords.Tests.Contracts;

public sealed class RecordsContractTests
{
    private readonly HealthHarness _h = new();

    [Fact]
    public async Task RegisterRecord_ByClinician_MetadataPublicContentOnlyInAuthorsImplicitCollection()
    {
        await _h.InitializeAsync();

        var record = await _h.RegisterAsync();

        record.GetProperty("status").GetString().Should().Be("current");
        record.GetProperty("authorMspId").GetString().Should().Be(HealthHarness.HospitalA);
        record.GetProperty("createdAt").GetDateTimeOffset().Should().Be(HealthHarness.Start);
        var stored = JsonSerializer.Deserialize<RecordContent>(
            _h.Stub.PrivateState("_implicit_org_HospitalAMSP")[HealthKeys.Content("rec-1", 1)], ChaincodeJson.Options)!;
        Encoding.UTF8.GetString(stored.Content).Should().Be(HealthHarness.RecordContent);
        record.GetProperty("contentHash").GetString().Should().Be(ContentHash.Compute(stored.Salt, stored.Content));
        _h.Stub.ShouldNotBePublic(HealthHarness.RecordContent);
        _h.Stub.ShouldNotBePublic("negative");
        _h.Stub.Events[^1].Name.Should().Be("RecordRegistered");
    }

    [Fact]
    public async Task RegisterRecord_ByPatient_403()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(403, _h.Patient, "Records:RegisterRecord", [RegistrationJson()], HealthHarness.Content("x"));
    }

    [Fact]
    public async Task RegisterRecord_ByOrganizationNotConfigured_403()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(403, _h.ClinicianC, "Records:RegisterRecord", [RegistrationJson()], HealthHarness.Content("x"));
    }

    [Fact]
    public async Task RegisterRecord_EndorsedByOtherHospitalsPeer_400NamingAuthor()
    {
        await _h.InitializeAsync();

        var message = await _h.FailAsync(400, _h.ClinicianA, "Records:RegisterRecord", [RegistrationJson()], HealthHarness.Content("x"), peerMspId: HealthHarness.HospitalB);

        message.Should().Contain(HealthHarness.HospitalA);
        _h.Stub.PrivateState("_implicit_org_HospitalAMSP").Should().BeEmpty();
    }

    [Fact]
    public async Task RegisterRecord_Twice_409()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        await _h.FailAsync(409, _h.ClinicianA, "Records:RegisterRecord", [RegistrationJson()], HealthHarness.Content("x"));
    }

    [Fact]
    public async Task RegisterRecord_NoTransientContent_400()
    {
        await _h.InitializeAsync();

        var message = await _h.FailAsync(400, _h.ClinicianA, "Records:RegisterRecord", [RegistrationJson()]);

        message.Should().Contain("content");
    }

    [Fact]
    public async Task RegisterRecord_ShortSalt_400WithoutContentInMessage()
    {
        await _h.InitializeAsync();
        var transient = new Dictionary<string, object> { ["content"] = new { content = Encoding.UTF8.GetBytes("secret-diagnosis"), salt = new byte[4] } };

        var message = await _h.FailAsync(400, _h.ClinicianA, "Records:RegisterRecord", [RegistrationJson()], transient);

        message.Should().Contain("content.salt").And.NotContain("secret-diagnosis");
    }

    [Fact]
    public async Task GetRecord_ByPatientOfRecord_Metadata()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        var record = await _h.CallAsync<JsonElement>(_h.Patient, "Records:GetRecord", ["rec-1"]);

        record.GetProperty("recordId").GetString().Should().Be("rec-1");
    }

    [Fact]
    public async Task GetRecord_ByOtherPatient_403()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        await _h.FailAsync(403, _h.OtherPatient, "Records:GetRecord", ["rec-1"]);
    }

    [Fact]
    public async Task GetRecord_Unknown_404()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(404, _h.ClinicianB, "Records:GetRecord", ["rec-404"]);
    }

    [Fact]
    public async Task ListMyRecords_Patient_OnlyOwnRecords()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync("rec-1");
        await _h.RegisterAsync("rec-2", "imaging");
        await _h.CallAsync<JsonElement>(
            _h.ClinicianA, "Records:RegisterRecord",
            [HealthHarness.Json(new { recordId = "rec-3", patientId = "patient-7", category = "laboratory", typeCode = "x", contentType = "text/plain" })],
            HealthHarness.Content("other"));

        var records = await _h.CallAsync<JsonElement>(_h.Patient, "Records:ListMyRecords", []);

        records.EnumerateArray().Select(r => r.GetProperty("recordId").GetString()).Should().BeEquivalentTo("rec-1", "rec-2");
    }

    [Fact]
    public async Task MarkEnteredInError_ByAuthor_StatusChangedAndNotShareable()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();
        await _h.GrantAsync();

        var marked = await _h.CallAsync<JsonElement>(_h.ClinicianA, "Records:MarkEnteredInError", ["rec-1"]);

        marked.GetProperty("status").GetString().Should().Be("entered-in-error");
        var message = await _h.FailAsync(422, _h.ClinicianA, "Sharing:ShareRecord", ["rec-1", "consent-1"]);
        message.Should().Contain("record-entered-in-error");
    }

    [Fact]
    public async Task MarkEnteredInError_ByOtherHospital_403()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        await _h.FailAsync(403, _h.ClinicianB, "Records:MarkEnteredInError", ["rec-1"]);
    }

    private static string RegistrationJson() =>
        HealthHarness.Json(new { recordId = "rec-1", patientId = HealthHarness.PatientId, category = "laboratory", typeCode = "11502-2", contentType = "application/fhir+json" });
}
