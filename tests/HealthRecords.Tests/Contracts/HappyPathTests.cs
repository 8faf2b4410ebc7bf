using System.Text;
using System.Text.Json;
using FluentAssertions;
using HealthRecords.Tests.Support;

namespace HealthRecords.Tests.Contracts;

/// <summary>
/// The sequence of docs/health-records.md ("Happy path"), step by step, as the end-to-end test on the dev network
/// will run it: register at A, the patient grants B, A shares, B records an access and reads with a verified hash,
/// the audit shows the access, the patient revokes, the copy is purged and B's read fails.
/// </summary>
public sealed class HappyPathTests
{
    [Fact]
    public async Task DocumentedSequence_EndToEndOnInMemoryStub_EveryStepAsDocumented()
    {
        var h = new HealthHarness();
        await h.InitializeAsync();

        // 1. A clinician of hospital A registers the record (endorsed by A's peer).
        var record = await h.RegisterAsync();
        var publicHash = record.GetProperty("contentHash").GetString();

        // 2. The patient grants hospital B access to laboratory records for treatment, for 30 days.
        await h.GrantAsync();

        // 3. Hospital A shares the record into the A-B pairwise collection.
        await h.ShareAsync();

        // 4. A clinician of B records the access (submit) and reads the copy (evaluate on B's peer); the hash verifies.
        var access = await h.RequestAccessAsync();
        var auditId = access.GetProperty("auditId").GetString()!;
        var read = await h.ReadAsync(auditId);
        var content = read.GetProperty("content").GetBytesFromBase64();
        Encoding.UTF8.GetString(content).Should().Be(HealthHarness.RecordContent);
        HealthRecords.Domain.ContentHash.Compute(read.GetProperty("salt").GetBytesFromBase64(), content).Should().Be(publicHash);

        // 5. The patient's access log shows B's access.
        var log = await h.CallAsync<JsonElement>(h.Patient, "Audit:ListMyAccessLog", []);
        log.EnumerateArray().Should().Contain(e => e.GetProperty("auditId").GetString() == auditId && e.GetProperty("agentMspId").GetString() == HealthHarness.HospitalB);

        // 6. The patient revokes (endorsed by B's peer); the shared copy is purged.
        await h.CallAsync<JsonElement>(h.Patient, "Consents:RevokeConsent", ["consent-1"], peerMspId: HealthHarness.HospitalB);
        h.Stub.PrivateState("health_pair_HospitalAMSP_HospitalBMSP").Should().BeEmpty();

        // 7. B can neither read with its ticket nor record a new access.
        await h.FailAsync(422, h.ClinicianB, "Sharing:ReadSharedRecord", [auditId]);
        await h.FailAsync(422, h.ClinicianB, "Sharing:RequestAccess", ["rec-1", "consent-1", "treatment"]);

        // No content in public state or events at any point; the public hash remains as evidence.
        h.Stub.ShouldNotBePublic(HealthHarness.RecordContent);
        h.Stub.ShouldNotBePublic("negative");
        h.Stub.Events.Select(e => e.Name).Should().Equal(
            "ConfigurationChanged", "RecordRegistered", "ConsentGranted", "RecordShared", "RecordAccessed", "ConsentRevoked");
    }
}
