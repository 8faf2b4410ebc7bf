using System.Text;
using System.Text.Json;
using FluentAssertions;
using HealthRecords.Internal;
using HealthRecords.Tests.Support;

namespace HealthRecords.Tests.Contracts;

public sealed class AmendmentsContractTests
{
    private const string RequestText = "The penicillin allergy in this report is not mine.";
    private const string DenialText = "Allergy confirmed by the test of 2026-02-03.";
    private readonly HealthHarness _h = new();

    private async Task<string> RequestAsync()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();
        var amendment = await _h.CallAsync<JsonElement>(_h.Patient, "Amendments:RequestAmendment", ["rec-1"], HealthHarness.Text("amendment", RequestText));
        return amendment.GetProperty("amendmentId").GetString()!;
    }

    [Fact]
    public async Task RequestAmendment_ByPatient_RequestedTextPrivateToAuthor()
    {
        var amendmentId = await RequestAsync();

        var view = await _h.CallAsync<JsonElement>(_h.Patient, "Amendments:GetAmendment", [amendmentId], peerMspId: HealthHarness.HospitalA);

        view.GetProperty("amendment").GetProperty("status").GetString().Should().Be("requested");
        view.GetProperty("requestText").GetString().Should().Be(RequestText);
        _h.Stub.PrivateState("_implicit_org_HospitalAMSP").Should().ContainKey(HealthKeys.AmendmentText(amendmentId));
        _h.Stub.ShouldNotBePublic(RequestText);
        _h.Stub.Events[^1].Name.Should().Be("AmendmentRequested");
    }

    [Fact]
    public async Task RequestAmendment_ByOtherPatient_403()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        await _h.FailAsync(403, _h.OtherPatient, "Amendments:RequestAmendment", ["rec-1"], HealthHarness.Text("amendment", RequestText), peerMspId: HealthHarness.HospitalA);
    }

    [Fact]
    public async Task RequestAmendment_ByClinician_403()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        await _h.FailAsync(403, _h.ClinicianB, "Amendments:RequestAmendment", ["rec-1"], HealthHarness.Text("amendment", RequestText), peerMspId: HealthHarness.HospitalA);
    }

    [Fact]
    public async Task AcceptAmendment_ByAuthor_NewVersionAndHistoryKept()
    {
        var amendmentId = await RequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(2));

        var v2 = await _h.CallAsync<JsonElement>(_h.ClinicianA, "Amendments:AcceptAmendment", [amendmentId], HealthHarness.Content("{\"corrected\":true}", 50));

        v2.GetProperty("version").GetInt32().Should().Be(2);
        v2.GetProperty("amendmentId").GetString().Should().Be(amendmentId);
        var history = await _h.CallAsync<JsonElement>(_h.Patient, "Records:GetRecordHistory", ["rec-1"]);
        history.EnumerateArray().Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("status").GetString()))
            .Should().Equal((1, "superseded"), (2, "current"));
        history[0].GetProperty("contentHash").GetString().Should().NotBe(history[1].GetProperty("contentHash").GetString());
        var implicitA = _h.Stub.PrivateState("_implicit_org_HospitalAMSP");
        implicitA.Should().ContainKey(HealthKeys.Content("rec-1", 1)).And.ContainKey(HealthKeys.Content("rec-1", 2));
        var amendment = await _h.CallAsync<JsonElement>(_h.Patient, "Amendments:GetAmendment", [amendmentId]);
        amendment.GetProperty("amendment").GetProperty("status").GetString().Should().Be("accepted");
        amendment.GetProperty("amendment").GetProperty("resultingVersion").GetInt32().Should().Be(2);
        _h.Stub.Events[^1].Name.Should().Be("RecordAmended");
    }

    [Fact]
    public async Task AcceptAmendment_ByOtherHospital_403()
    {
        var amendmentId = await RequestAsync();

        await _h.FailAsync(403, _h.ClinicianB, "Amendments:AcceptAmendment", [amendmentId], HealthHarness.Content("x"), peerMspId: HealthHarness.HospitalA);
    }

    [Fact]
    public async Task AcceptAmendment_Twice_409()
    {
        var amendmentId = await RequestAsync();
        await _h.CallAsync<JsonElement>(_h.ClinicianA, "Amendments:AcceptAmendment", [amendmentId], HealthHarness.Content("v2"));

        await _h.FailAsync(409, _h.ClinicianA, "Amendments:AcceptAmendment", [amendmentId], HealthHarness.Content("v3"));
    }

    [Fact]
    public async Task DenyAmendment_ByAuthor_ReasonAppendedPrivatelyRecordUnchanged()
    {
        var amendmentId = await RequestAsync();

        var denied = await _h.CallAsync<JsonElement>(_h.ClinicianA, "Amendments:DenyAmendment", [amendmentId], HealthHarness.Text("denial", DenialText));

        denied.GetProperty("status").GetString().Should().Be("denied");
        denied.GetProperty("denialReasonHash").GetString().Should().HaveLength(64);
        var view = await _h.CallAsync<JsonElement>(_h.Patient, "Amendments:GetAmendment", [amendmentId]);
        view.GetProperty("requestText").GetString().Should().Be(RequestText);
        view.GetProperty("denialReason").GetString().Should().Be(DenialText);
        var history = await _h.CallAsync<JsonElement>(_h.Patient, "Records:GetRecordHistory", ["rec-1"]);
        history.GetArrayLength().Should().Be(1);
        _h.Stub.ShouldNotBePublic(DenialText);
    }

    [Fact]
    public async Task DenyAmendment_NoReason_400()
    {
        var amendmentId = await RequestAsync();

        var message = await _h.FailAsync(400, _h.ClinicianA, "Amendments:DenyAmendment", [amendmentId], HealthHarness.Text("denial", ""));

        message.Should().Contain("denial.text");
    }

    [Fact]
    public async Task GetAmendment_ByOtherHospital_403()
    {
        var amendmentId = await RequestAsync();

        await _h.FailAsync(403, _h.ClinicianB, "Amendments:GetAmendment", [amendmentId], peerMspId: HealthHarness.HospitalA);
    }

    [Fact]
    public async Task GetAmendmentStatus_ByPatientOnAnotherHospitalsPeer_PublicRecordWithoutTexts()
    {
        var amendmentId = await RequestAsync();

        // The texts are at the author (A); the public record needs no peer of A.
        var response = await _h.InvokeAsync(_h.Patient, "Amendments:GetAmendmentStatus", [amendmentId], peerMspId: HealthHarness.HospitalB);

        response.Status.Should().Be(200, response.Message);
        var amendment = JsonDocument.Parse(response.Payload).RootElement;
        amendment.GetProperty("amendmentId").GetString().Should().Be(amendmentId);
        amendment.GetProperty("authorMspId").GetString().Should().Be(HealthHarness.HospitalA);
        amendment.GetProperty("status").GetString().Should().Be("requested");
        amendment.TryGetProperty("requestText", out _).Should().BeFalse();
        Encoding.UTF8.GetString(response.Payload.Span).Should().NotContain(RequestText);
    }

    [Fact]
    public async Task GetAmendmentStatus_ByStaffOfAuthor_SeesDenial()
    {
        var amendmentId = await RequestAsync();
        await _h.CallAsync<JsonElement>(_h.ClinicianA, "Amendments:DenyAmendment", [amendmentId], HealthHarness.Text("denial", DenialText));

        var amendment = await _h.CallAsync<JsonElement>(_h.AdminA, "Amendments:GetAmendmentStatus", [amendmentId]);

        amendment.GetProperty("status").GetString().Should().Be("denied");
        amendment.GetProperty("denialReasonHash").GetString().Should().NotBeNullOrEmpty();
        amendment.TryGetProperty("denialReason", out _).Should().BeFalse();
    }

    [Fact]
    public async Task GetAmendmentStatus_ByOtherHospital_403()
    {
        var amendmentId = await RequestAsync();

        await _h.FailAsync(403, _h.ClinicianB, "Amendments:GetAmendmentStatus", [amendmentId]);
    }

    [Fact]
    public async Task GetAmendmentStatus_ByOtherPatient_403()
    {
        var amendmentId = await RequestAsync();

        await _h.FailAsync(403, _h.OtherPatient, "Amendments:GetAmendmentStatus", [amendmentId]);
    }

    [Fact]
    public async Task GetAmendmentStatus_UnknownId_404()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(404, _h.Patient, "Amendments:GetAmendmentStatus", ["unknown-amendment"]);
    }

    [Fact]
    public async Task GetAmendmentStatus_MalformedId_400()
    {
        await _h.InitializeAsync();

        var message = await _h.FailAsync(400, _h.Patient, "Amendments:GetAmendmentStatus", ["no/slashes"]);

        message.Should().Contain("amendmentId");
    }
}
