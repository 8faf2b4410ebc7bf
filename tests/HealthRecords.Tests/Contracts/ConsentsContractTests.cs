using System.Text.Json;
using FluentAssertions;
using HealthRecords.Internal;
using HealthRecords.Tests.Support;

namespace HealthRecords.Tests.Contracts;

public sealed class ConsentsContractTests
{
    private readonly HealthHarness _h = new();

    [Fact]
    public async Task GrantConsent_ByPatient_ActiveForCertificatePatient()
    {
        await _h.InitializeAsync();

        var consent = await _h.GrantAsync();

        consent.GetProperty("patientId").GetString().Should().Be(HealthHarness.PatientId);
        consent.GetProperty("status").GetString().Should().Be("active");
        consent.GetProperty("granteeMspId").GetString().Should().Be(HealthHarness.HospitalB);
        _h.Stub.Events[^1].Name.Should().Be("ConsentGranted");
    }

    [Fact]
    public async Task GrantConsent_ForAnotherPatient_403AndNothingWritten()
    {
        await _h.InitializeAsync();
        var request = JsonSerializer.Deserialize<Dictionary<string, object>>(_h.ConsentJson())!;
        request["patientId"] = "patient-7";

        await _h.FailAsync(403, _h.Patient, "Consents:GrantConsent", [HealthHarness.Json(request)]);

        _h.Stub.State.Keys.Should().NotContain(HealthKeys.Consent("consent-1"));
    }

    [Fact]
    public async Task GrantConsent_ByClinician_403()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(403, _h.ClinicianA, "Consents:GrantConsent", [_h.ConsentJson()]);
    }

    [Fact]
    public async Task GrantConsent_PatientAttributeWithoutRole_403()
    {
        await _h.InitializeAsync();
        var impostor = TestUser.WithAttributes(HealthHarness.HospitalA, "x", new Dictionary<string, string> { ["patientId"] = HealthHarness.PatientId });

        await _h.FailAsync(403, impostor, "Consents:GrantConsent", [_h.ConsentJson()]);
    }

    [Fact]
    public async Task GrantConsent_SameIdTwice_409()
    {
        await _h.InitializeAsync();
        await _h.GrantAsync();

        await _h.FailAsync(409, _h.Patient, "Consents:GrantConsent", [_h.ConsentJson()]);
    }

    [Fact]
    public async Task GrantConsent_UnknownGrantee_400()
    {
        await _h.InitializeAsync();

        var message = await _h.FailAsync(400, _h.Patient, "Consents:GrantConsent", [_h.ConsentJson(grantee: "OrdererMSP")]);

        message.Should().Contain("granteeMspId");
    }

    [Fact]
    public async Task ActivateConsent_Draft_Active()
    {
        await _h.InitializeAsync();
        var request = JsonSerializer.Deserialize<Dictionary<string, object>>(_h.ConsentJson())!;
        request["draft"] = true;
        var draft = await _h.CallAsync<JsonElement>(_h.Patient, "Consents:GrantConsent", [HealthHarness.Json(request)]);
        draft.GetProperty("status").GetString().Should().Be("draft");

        var active = await _h.CallAsync<JsonElement>(_h.Patient, "Consents:ActivateConsent", ["consent-1"]);

        active.GetProperty("status").GetString().Should().Be("active");
    }

    [Fact]
    public async Task RevokeConsent_ByOtherPatient_403()
    {
        await _h.InitializeAsync();
        await _h.GrantAsync();

        await _h.FailAsync(403, _h.OtherPatient, "Consents:RevokeConsent", ["consent-1"]);
    }

    [Fact]
    public async Task RevokeConsent_ByHospital_403()
    {
        await _h.InitializeAsync();
        await _h.GrantAsync();

        await _h.FailAsync(403, _h.ClinicianB, "Consents:RevokeConsent", ["consent-1"]);
    }

    [Fact]
    public async Task RevokeConsent_Shared_PurgesCopyAndKeepsHashAsEvidence()
    {
        await _h.ShareRecordWithBAsync();
        var pair = "health_pair_HospitalAMSP_HospitalBMSP";
        _h.Stub.PrivateState(pair).Should().ContainKey(HealthKeys.SharedContent(HealthRecords.Domain.ShareBasis.Consent, "consent-1", "rec-1"));

        var revoked = await _h.CallAsync<JsonElement>(_h.Patient, "Consents:RevokeConsent", ["consent-1"], peerMspId: HealthHarness.HospitalB);

        revoked.GetProperty("status").GetString().Should().Be("inactive");
        _h.Stub.PrivateState(pair).Should().BeEmpty();
        var shares = await _h.CallAsync<JsonElement>(_h.Patient, "Sharing:ListShares", ["consent", "consent-1"]);
        shares[0].GetProperty("status").GetString().Should().Be("purged");
        shares[0].GetProperty("contentHash").GetString().Should().HaveLength(64);
        var revokedEvent = JsonDocument.Parse(_h.Stub.Events[^1].Payload).RootElement;
        _h.Stub.Events[^1].Name.Should().Be("ConsentRevoked");
        revokedEvent.GetProperty("purgedRecordIds").EnumerateArray().Select(e => e.GetString()).Should().Equal("rec-1");
    }

    [Fact]
    public async Task RevokeConsent_EndorsedByThirdHospitalsPeer_400()
    {
        await _h.InitializeAsync(HealthHarness.HospitalA, HealthHarness.HospitalB, HealthHarness.HospitalC);
        await _h.RegisterAsync();
        await _h.GrantAsync();
        await _h.ShareAsync();

        await _h.FailAsync(400, _h.Patient, "Consents:RevokeConsent", ["consent-1"], peerMspId: HealthHarness.HospitalC);
    }

    [Fact]
    public async Task ExpireConsent_BeforeEnd_422()
    {
        await _h.ShareRecordWithBAsync();

        var message = await _h.FailAsync(422, _h.ClinicianA, "Consents:ExpireConsent", ["consent-1"]);

        message.Should().Contain("consent-period");
    }

    [Fact]
    public async Task ExpireConsent_AfterEnd_InactiveAndCopyPurged()
    {
        await _h.ShareRecordWithBAsync();
        _h.Time.Advance(TimeSpan.FromDays(30));

        var expired = await _h.CallAsync<JsonElement>(_h.ClinicianA, "Consents:ExpireConsent", ["consent-1"]);

        expired.GetProperty("status").GetString().Should().Be("inactive");
        _h.Stub.PrivateState("health_pair_HospitalAMSP_HospitalBMSP").Should().BeEmpty();
        _h.Stub.Events[^1].Name.Should().Be("ConsentExpired");
    }

    [Fact]
    public async Task MarkConsentEnteredInError_Shared_Purged()
    {
        await _h.ShareRecordWithBAsync();

        var marked = await _h.CallAsync<JsonElement>(_h.Patient, "Consents:MarkConsentEnteredInError", ["consent-1"]);

        marked.GetProperty("status").GetString().Should().Be("entered-in-error");
        _h.Stub.PrivateState("health_pair_HospitalAMSP_HospitalBMSP").Should().BeEmpty();
    }

    [Fact]
    public async Task ListMyConsents_Patient_OnlyOwn()
    {
        await _h.InitializeAsync();
        await _h.GrantAsync("consent-1");
        await _h.GrantAsync("consent-2", categories: ["imaging"]);
        var other = HealthHarness.Json(new
        {
            consentId = "consent-3", granteeMspId = HealthHarness.HospitalB, scope = new { categories = new[] { "laboratory" } },
            purpose = "treatment", periodEnd = _h.Time.GetUtcNow().AddDays(1),
        });
        await _h.CallAsync<JsonElement>(_h.OtherPatient, "Consents:GrantConsent", [other]);

        var consents = await _h.CallAsync<JsonElement>(_h.Patient, "Consents:ListMyConsents", []);

        consents.EnumerateArray().Select(c => c.GetProperty("consentId").GetString()).Should().BeEquivalentTo("consent-1", "consent-2");
    }
}
