using System.Text;
using System.Text.Json;
using Fabric.Chaincode;
using FluentAssertions;
using HealthRecords.Domain;
using HealthRecords.Internal;
using HealthRecords.Tests.Support;

namespace HealthRecords.Tests.Contracts;

public sealed class SharingContractTests
{
    private const string Pair = "health_pair_HospitalAMSP_HospitalBMSP";
    private readonly HealthHarness _h = new();

    [Fact]
    public async Task ShareRecord_ByAuthorUnderConsent_CopyInPairwiseCollectionAndDisclosureAudited()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();
        await _h.GrantAsync();

        var share = await _h.ShareAsync();

        share.GetProperty("collection").GetString().Should().Be(Pair);
        share.GetProperty("status").GetString().Should().Be("shared");
        _h.Stub.PrivateState(Pair).Should().ContainKey(HealthKeys.SharedContent(ShareBasis.Consent, "consent-1", "rec-1"));
        _h.Stub.Events[^1].Name.Should().Be("RecordShared");
        var log = await _h.CallAsync<JsonElement>(_h.Patient, "Audit:ListMyAccessLog", []);
        log.EnumerateArray().Single().GetProperty("type").GetString().Should().Be("disclosure");
        _h.Stub.ShouldNotBePublic(HealthHarness.RecordContent);
    }

    [Fact]
    public async Task ShareRecord_ByGrantee_403()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();
        await _h.GrantAsync();

        await _h.FailAsync(403, _h.ClinicianB, "Sharing:ShareRecord", ["rec-1", "consent-1"], peerMspId: HealthHarness.HospitalA);
    }

    [Fact]
    public async Task ShareRecord_CategoryNotCovered_422()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync(category: "imaging");
        await _h.GrantAsync();

        var message = await _h.FailAsync(422, _h.ClinicianA, "Sharing:ShareRecord", ["rec-1", "consent-1"]);

        message.Should().Contain("consent-scope");
        _h.Stub.PrivateState(Pair).Should().BeEmpty();
    }

    [Fact]
    public async Task ShareRecord_UnknownConsent_404()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        await _h.FailAsync(404, _h.ClinicianA, "Sharing:ShareRecord", ["rec-1", "consent-404"]);
    }

    [Fact]
    public async Task ShareRecord_Twice_409()
    {
        await _h.ShareRecordWithBAsync();

        await _h.FailAsync(409, _h.ClinicianA, "Sharing:ShareRecord", ["rec-1", "consent-1"]);
    }

    [Fact]
    public async Task RequestAccessThenRead_Grantee_ContentWithVerifiedHash()
    {
        await _h.ShareRecordWithBAsync();

        var access = await _h.RequestAccessAsync();
        var read = await _h.ReadAsync(access.GetProperty("auditId").GetString()!);

        Encoding.UTF8.GetString(read.GetProperty("content").GetBytesFromBase64()).Should().Be(HealthHarness.RecordContent);
        read.GetProperty("hashVerified").GetBoolean().Should().BeTrue();
        var salt = read.GetProperty("salt").GetBytesFromBase64();
        ContentHash.Compute(salt, read.GetProperty("content").GetBytesFromBase64())
            .Should().Be(read.GetProperty("record").GetProperty("contentHash").GetString());
        access.GetProperty("type").GetString().Should().Be("access");
        access.GetProperty("consentId").GetString().Should().Be("consent-1");
        _h.Stub.Events[^1].Name.Should().Be("RecordAccessed");
    }

    [Fact]
    public async Task RequestAccess_NoConsentAtAll_404()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();

        await _h.FailAsync(404, _h.ClinicianB, "Sharing:RequestAccess", ["rec-1", "consent-1", "treatment"]);
    }

    [Fact]
    public async Task RequestAccess_ConsentGrantedToAnotherHospital_403()
    {
        await _h.InitializeAsync(HealthHarness.HospitalA, HealthHarness.HospitalB, HealthHarness.HospitalC);
        await _h.RegisterAsync();
        await _h.GrantAsync(grantee: HealthHarness.HospitalC);

        await _h.FailAsync(403, _h.ClinicianB, "Sharing:RequestAccess", ["rec-1", "consent-1", "treatment"]);
    }

    [Fact]
    public async Task RequestAccess_ConsentForOtherRecordCategory_422()
    {
        await _h.ShareRecordWithBAsync();
        await _h.RegisterAsync("rec-2", "imaging");

        var message = await _h.FailAsync(422, _h.ClinicianB, "Sharing:RequestAccess", ["rec-2", "consent-1", "treatment"]);

        message.Should().Contain("consent-scope");
    }

    [Fact]
    public async Task RequestAccess_OtherPurpose_422()
    {
        await _h.ShareRecordWithBAsync();

        var message = await _h.FailAsync(422, _h.ClinicianB, "Sharing:RequestAccess", ["rec-1", "consent-1", "research"]);

        message.Should().Contain("consent-purpose");
    }

    [Fact]
    public async Task RequestAccess_NotSharedYet_409()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();
        await _h.GrantAsync();

        await _h.FailAsync(409, _h.ClinicianB, "Sharing:RequestAccess", ["rec-1", "consent-1", "treatment"]);
    }

    [Fact]
    public async Task RequestAccess_ExpiredConsent_422AndNoAuditEntry()
    {
        await _h.ShareRecordWithBAsync();
        _h.Time.Advance(TimeSpan.FromDays(30));

        var message = await _h.FailAsync(422, _h.ClinicianB, "Sharing:RequestAccess", ["rec-1", "consent-1", "treatment"]);

        message.Should().Contain("consent-expired");
        var log = await _h.CallAsync<JsonElement>(_h.Patient, "Audit:ListMyAccessLog", []);
        log.EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Equal("disclosure");
    }

    [Fact]
    public async Task RequestAccess_ConsentNotYetInForce_422()
    {
        await _h.InitializeAsync();
        await _h.RegisterAsync();
        var request = JsonSerializer.Deserialize<Dictionary<string, object>>(_h.ConsentJson())!;
        request["periodStart"] = _h.Time.GetUtcNow().AddDays(1);
        await _h.CallAsync<JsonElement>(_h.Patient, "Consents:GrantConsent", [HealthHarness.Json(request)]);

        var message = await _h.FailAsync(422, _h.ClinicianA, "Sharing:ShareRecord", ["rec-1", "consent-1"]);

        message.Should().Contain("consent-not-started");
    }

    [Fact]
    public async Task RequestAccess_ByPatient_403()
    {
        await _h.ShareRecordWithBAsync();

        await _h.FailAsync(403, TestUser.Patient(HealthHarness.HospitalB, HealthHarness.PatientId), "Sharing:RequestAccess", ["rec-1", "consent-1", "treatment"]);
    }

    [Fact]
    public async Task ReadSharedRecord_AfterRevocation_422AndCopyGone()
    {
        await _h.ShareRecordWithBAsync();
        var auditId = (await _h.RequestAccessAsync()).GetProperty("auditId").GetString()!;
        await _h.CallAsync<JsonElement>(_h.Patient, "Consents:RevokeConsent", ["consent-1"], peerMspId: HealthHarness.HospitalB);

        var message = await _h.FailAsync(422, _h.ClinicianB, "Sharing:ReadSharedRecord", [auditId]);

        message.Should().Contain("consent-not-active");
        _h.Stub.PrivateState(Pair).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadSharedRecord_AfterTicketWindow_422()
    {
        await _h.ShareRecordWithBAsync();
        var auditId = (await _h.RequestAccessAsync()).GetProperty("auditId").GetString()!;
        _h.Time.Advance(TimeSpan.FromMinutes(16));

        var message = await _h.FailAsync(422, _h.ClinicianB, "Sharing:ReadSharedRecord", [auditId]);

        message.Should().Contain("access-ticket-expired");
    }

    [Fact]
    public async Task ReadSharedRecord_TicketOfAnotherClinician_403()
    {
        await _h.ShareRecordWithBAsync();
        var auditId = (await _h.RequestAccessAsync()).GetProperty("auditId").GetString()!;

        await _h.FailAsync(403, _h.OtherClinicianB, "Sharing:ReadSharedRecord", [auditId]);
    }

    [Fact]
    public async Task ReadSharedRecord_WithoutRecordedAccess_404()
    {
        await _h.ShareRecordWithBAsync();

        await _h.FailAsync(404, _h.ClinicianB, "Sharing:ReadSharedRecord", ["tx999999"]);
    }

    [Fact]
    public async Task ReadSharedRecord_DisclosureEntryOfAuthor_403()
    {
        await _h.ShareRecordWithBAsync();
        var disclosure = (await _h.CallAsync<JsonElement>(_h.ClinicianA, "Audit:ListOrganizationAccessLog", []))[0].GetProperty("auditId").GetString()!;

        await _h.FailAsync(403, _h.ClinicianA, "Sharing:ReadSharedRecord", [disclosure]);
    }

    [Fact]
    public async Task ReadSharedRecord_OnAuthorsPeer_400()
    {
        await _h.ShareRecordWithBAsync();
        var auditId = (await _h.RequestAccessAsync()).GetProperty("auditId").GetString()!;

        await _h.FailAsync(400, _h.ClinicianB, "Sharing:ReadSharedRecord", [auditId], peerMspId: HealthHarness.HospitalA);
    }

    [Fact]
    public async Task ReadSharedRecord_TamperedCopy_500WithoutContent()
    {
        await _h.ShareRecordWithBAsync();
        var auditId = (await _h.RequestAccessAsync()).GetProperty("auditId").GetString()!;
        var key = HealthKeys.SharedContent(ShareBasis.Consent, "consent-1", "rec-1");
        var copy = JsonSerializer.Deserialize<SharedContent>(_h.Stub.PrivateState(Pair)[key], ChaincodeJson.Options)!;
        await _h.Stub.PutPrivateDataJsonAsync(Pair, key, copy with { Content = Encoding.UTF8.GetBytes("{\"valueString\":\"positive\"}") });
        _h.Stub.Commit();

        var message = await _h.FailAsync(500, _h.ClinicianB, "Sharing:ReadSharedRecord", [auditId]);

        message.Should().Contain("does not match its public hash").And.NotContain("positive");
    }

    [Fact]
    public async Task ShareRecord_AfterAmendment_SharesNewVersion()
    {
        await _h.ShareRecordWithBAsync();
        var amendment = await _h.CallAsync<JsonElement>(_h.Patient, "Amendments:RequestAmendment", ["rec-1"], HealthHarness.Text("amendment", "wrong value"), peerMspId: HealthHarness.HospitalA);
        await _h.CallAsync<JsonElement>(_h.ClinicianA, "Amendments:AcceptAmendment", [amendment.GetProperty("amendmentId").GetString()!], HealthHarness.Content("v2 content", 77));

        var share = await _h.ShareAsync();
        var read = await _h.ReadAsync((await _h.RequestAccessAsync()).GetProperty("auditId").GetString()!);

        share.GetProperty("version").GetInt32().Should().Be(2);
        Encoding.UTF8.GetString(read.GetProperty("content").GetBytesFromBase64()).Should().Be("v2 content");
        read.GetProperty("record").GetProperty("version").GetInt32().Should().Be(2);
    }
}
