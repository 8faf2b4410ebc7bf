using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.HealthRecords;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway;

/// <summary>
/// The health-records happy path over HTTP: the real REST gateway, hosted in-process, in front of real peers. Every
/// step is a business endpoint; the endorsing organizations the chaincode needs (both hospitals for the
/// configuration, the author's hospital for register and share, the grantee's hospital for the revocation) are
/// found by the gateway itself. Also: an Idempotency-Key replay returns the first outcome and commits once, and a
/// wrong role is a ProblemDetails 403 from the chaincode.
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class HealthOverRestTests(DevNetworkFixture devNetwork, RealNetworkFixture realNetwork)
{
    [Fact]
    public Task HappyPath_OnDevNetwork_OverHttp() => RunAsync(devNetwork.Network);

    [SkippableFact]
    public async Task HappyPath_OnRealFabric_OverHttp()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await RunAsync(realNetwork.Network);
    }

    private static async Task RunAsync(FabricTestNetwork network)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var patientId = UniqueIds.New("patient");
        var clinician = new Dictionary<string, string> { ["role"] = "clinician" };
        var users = await Task.WhenAll(
            network.AdminAsync(HealthActor.HospitalA, ct),
            network.EnrollAsync(HealthActor.HospitalA, UniqueIds.New("dr-a"), clinician, cancellationToken: ct),
            network.EnrollAsync(HealthActor.HospitalB, UniqueIds.New("dr-b"), clinician, cancellationToken: ct),
            network.EnrollAsync(HealthActor.HospitalA, UniqueIds.New("pat"), new Dictionary<string, string> { ["role"] = "patient", ["patientId"] = patientId }, cancellationToken: ct));
        await using var gateway = RestGatewayHost.Start(network, "health", HealthActor.Channel, HealthActor.Chaincode, new Dictionary<string, TestUser>
        {
            ["admin-a"] = users[0], ["clinician-a"] = users[1], ["clinician-b"] = users[2], ["patient"] = users[3],
        });
        using var admin = gateway.ClientOf("admin-a");
        using var clinicianA = gateway.ClientOf("clinician-a");
        using var clinicianB = gateway.ClientOf("clinician-b");
        using var patient = gateway.ClientOf("patient");

        // Configuration, endorsed by both hospitals; a real network keeps its ledger, so it may be configured already.
        using (var configured = await admin.SubmitAsync("/api/health/configuration", new { hospitalMspIds = new[] { HealthActor.HospitalA, HealthActor.HospitalB } }, cancellationToken: ct))
        {
            // Also on the dev network, which the direct-client walkthrough shares: whichever runs first configures it.
            if (configured.StatusCode != System.Net.HttpStatusCode.Conflict)
            {
                (await configured.JsonAsync(201, ct)).GetProperty("result").GetProperty("hospitalMspIds").EnumerateArray().Select(e => e.GetString())
                    .Should().Equal(HealthActor.HospitalA, HealthActor.HospitalB);
            }
        }

        // Register at A (content private; the gateway draws the salt), idempotently.
        var recordId = UniqueIds.New("rec");
        var content = Encoding.UTF8.GetBytes($"{{\"resourceType\":\"Observation\",\"valueString\":\"potassium 5.9 {UniqueIds.New("marker")}\"}}");
        var registration = new { recordId, patientId, category = "laboratory", typeCode = "11502-2", contentType = "application/fhir+json", content };
        var key = UniqueIds.New("register");
        var registered = await (await clinicianA.SubmitAsync("/api/health/records", registration, key, ct)).JsonAsync(201, ct);
        var replayed = await (await clinicianA.SubmitAsync("/api/health/records", registration, key, ct)).JsonAsync(201, ct);
        var registerTx = registered.GetProperty("transactionId").GetString()!;
        replayed.GetProperty("transactionId").GetString().Should().Be(registerTx, "a replay with the same Idempotency-Key returns the first outcome");
        replayed.GetProperty("blockNumber").GetUInt64().Should().Be(registered.GetProperty("blockNumber").GetUInt64());
        var contentHash = registered.GetProperty("result").GetProperty("contentHash").GetString()!;
        var transaction = await clinicianA.GetJsonAsync($"/api/transactions/{registerTx}", cancellationToken: ct);
        transaction.GetProperty("state").GetString().Should().Be("committed");
        transaction.GetProperty("validationCode").GetString().Should().Be("VALID");
        var history = await clinicianA.GetJsonAsync($"/api/health/records/{recordId}/history", cancellationToken: ct);
        history.GetArrayLength().Should().Be(1, "the replay committed nothing more: the record has one version");

        // A wrong role is the chaincode's 403, as ProblemDetails.
        using (var byPatient = await patient.SubmitAsync("/api/health/records", registration with { }, cancellationToken: ct))
        {
            var problem = await byPatient.JsonAsync(403, ct);
            byPatient.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            problem.GetProperty("status").GetInt32().Should().Be(403);
        }

        // The patient grants B; A shares; B records an access and reads the copy, checking the hash itself.
        var consentId = UniqueIds.New("consent");
        var consent = new
        {
            consentId, granteeMspId = HealthActor.HospitalB, scope = new { categories = new[] { "laboratory" } }, purpose = "treatment",
            periodEnd = DateTimeOffset.UtcNow.AddDays(30),
        };
        (await (await patient.SubmitAsync("/api/health/consents", consent, cancellationToken: ct)).JsonAsync(201, ct))
            .GetProperty("result").GetProperty("granteeMspId").GetString().Should().Be(HealthActor.HospitalB);
        var shared = await (await clinicianA.SubmitAsync($"/api/health/records/{recordId}/shares", new { consentId }, cancellationToken: ct)).JsonAsync(200, ct);
        shared.GetProperty("result").GetProperty("status").GetString().Should().Be("shared");
        // B's peer endorses the access next: the 200 says A's peer committed the share, B's may not have it yet.
        await PeerBlocks.WaitUntilEveryPeerHasAsync(network, users[1], "health", [HealthActor.HospitalB], shared.GetProperty("blockNumber").GetUInt64(), ct);
        var access = await (await clinicianB.SubmitAsync($"/api/health/records/{recordId}/accesses", new { consentId, purpose = "treatment" }, cancellationToken: ct)).JsonAsync(201, ct);
        var auditId = access.GetProperty("transactionId").GetString()!;
        var read = await clinicianB.GetJsonAsync($"/api/health/accesses/{auditId}", cancellationToken: ct);
        var readContent = read.GetProperty("content").GetBytesFromBase64();
        readContent.Should().Equal(content);
        Convert.ToHexStringLower(SHA256.HashData([.. read.GetProperty("salt").GetBytesFromBase64(), .. readContent]))
            .Should().Be(contentHash, "B verifies the copy against the public hash itself");
        read.GetProperty("hashVerified").GetBoolean().Should().BeTrue();

        var log = await patient.GetJsonAsync("/api/health/audit/mine", cancellationToken: ct);
        log.EnumerateArray().Should().Contain(e => e.GetProperty("auditId").GetString() == auditId && e.GetProperty("agentMspId").GetString() == HealthActor.HospitalB);

        // The patient revokes: endorsed by B's peer (the gateway reads the consent for its grantee); B's read is refused.
        (await (await patient.SubmitAsync($"/api/health/consents/{consentId}/revoke", null, cancellationToken: ct)).JsonAsync(200, ct))
            .GetProperty("result").GetProperty("status").GetString().Should().Be("inactive");
        var refused = await clinicianB.GetJsonAsync($"/api/health/accesses/{auditId}", 422, ct);
        refused.GetProperty("status").GetInt32().Should().Be(422);
        refused.GetRawText().Should().NotContain(Convert.ToBase64String(content), "private content never appears in errors");
    }
}
