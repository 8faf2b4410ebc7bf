using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway;

/// <summary>
/// The health walkthrough over HTTP, through the real REST gateway, on the dev network and on real Fabric: every call
/// is signed by the caller's own Fabric identity, so the chaincode's access control sees the hospital's clinician or
/// the patient, not the gateway.
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class RestHealthRecordsTests(DevNetworkFixture devNetwork, RealNetworkFixture realNetwork)
{
    private const string HospitalA = "HospitalAMSP";
    private const string HospitalB = "HospitalBMSP";
    private const string KeyA = "hospital-a-integration-key";
    private const string KeyB = "hospital-b-integration-key";

    [Fact]
    public Task HealthWalkthrough_OverRest_OnTheDevNetwork() => RunAsync(devNetwork.Network);

    [SkippableFact]
    public async Task HealthWalkthrough_OverRest_OnRealFabric()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await RunAsync(realNetwork.Network);
    }

    private static async Task RunAsync(FabricTestNetwork network)
    {
        var patientId = UniqueIds.New("patient");
        var admin = await network.EnrollAsync(HospitalA, UniqueIds.New("admin-a"), new Dictionary<string, string> { ["role"] = "admin" });
        var clinicianA = await network.EnrollAsync(HospitalA, UniqueIds.New("clinician-a"), new Dictionary<string, string> { ["role"] = "clinician" });
        var patient = await network.EnrollAsync(HospitalA, UniqueIds.New("patient"), new Dictionary<string, string> { ["role"] = "patient", ["patientId"] = patientId });
        var clinicianB = await network.EnrollAsync(HospitalB, UniqueIds.New("clinician-b"), new Dictionary<string, string> { ["role"] = "clinician" });
        await using var gateway = RestGatewayHost.Start(
            network,
            new Dictionary<string, (string, string)> { ["health"] = ("health", "health-records") },
            new Dictionary<string, (string, TestUser[])>
            {
                ["hospital-a"] = (KeyA, [admin, clinicianA, patient]),
                ["hospital-b"] = (KeyB, [clinicianB]),
            });
        using var asAdmin = gateway.ClientFor(KeyA, admin);
        using var asClinicianA = gateway.ClientFor(KeyA, clinicianA);
        using var asPatient = gateway.ClientFor(KeyA, patient);
        using var asClinicianB = gateway.ClientFor(KeyB, clinicianB);

        // 1. Configuration. The network may be configured already (a real network keeps its ledger between runs; the
        //    dev network is shared with the direct-client walkthrough): then the chaincode answers 409, as ProblemDetails.
        var configured = await PostAsync(asAdmin, "/api/health/configuration", new { hospitalMspIds = new[] { HospitalA, HospitalB } });
        if (configured.StatusCode == HttpStatusCode.Conflict)
        {
            (await configured.Content.ReadAsStringAsync()).Should().Contain("already configured");
        }
        else
        {
            configured.StatusCode.Should().Be(HttpStatusCode.Created, await configured.Content.ReadAsStringAsync());
        }

        var configuration = await JsonAsync(await asAdmin.GetAsync("/api/health/configuration"));
        configuration.GetProperty("hospitalMspIds").EnumerateArray().Select(e => e.GetString()).Should().Contain([HospitalA, HospitalB]);

        // 2. A's clinician registers a record; the content travels as transient data, never in the transaction.
        var recordId = UniqueIds.New("rec");
        var content = $"{{\"resourceType\":\"Observation\",\"id\":\"{UniqueIds.New("obs")}\",\"valueQuantity\":{{\"value\":7.3}}}}";
        var registered = await PostAsync(asClinicianA, "/api/health/records", new
        {
            recordId, patientId, category = "laboratory", typeCode = "11502-2", contentType = "application/fhir+json",
            content = Convert.ToBase64String(Encoding.UTF8.GetBytes(content)),
        });
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        registered.Headers.Location!.ToString().Should().EndWith($"/api/health/records/{recordId}");
        var registration = await JsonAsync(registered);
        var contentHash = registration.GetProperty("result").GetProperty("contentHash").GetString();
        contentHash.Should().MatchRegex("^[0-9a-f]{64}$");

        // The transaction the gateway journaled is committed, at the block it reported.
        var transactionId = registration.GetProperty("transactionId").GetString();
        var status = await JsonAsync(await asClinicianA.GetAsync($"/api/transactions/{transactionId}"));
        status.GetRawText().Should().Contain(registration.GetProperty("blockNumber").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The chaincode refuses a patient registering records: 403 as ProblemDetails with the endorser's message.
        var refused = await PostAsync(asPatient, "/api/health/records", new
        {
            recordId = UniqueIds.New("rec"), patientId, category = "laboratory", typeCode = "11502-2", contentType = "text/plain",
            content = Convert.ToBase64String("x"u8.ToArray()),
        });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        // 3. The patient grants B access; 4. A shares the record into the A-B collection.
        var consentId = UniqueIds.New("consent");
        var granted = await PostAsync(asPatient, "/api/health/consents", new
        {
            consentId, granteeMspId = HospitalB, scope = new { categories = new[] { "laboratory" } }, purpose = "treatment",
            periodEnd = DateTimeOffset.UtcNow.AddDays(30),
        });
        granted.StatusCode.Should().Be(HttpStatusCode.Created, await granted.Content.ReadAsStringAsync());
        var shared = await PostAsync(asClinicianA, $"/api/health/records/{recordId}/shares", new { consentId });
        shared.StatusCode.Should().Be(HttpStatusCode.OK, await shared.Content.ReadAsStringAsync());

        // 5. B's clinician records an access (through B's peer, which may see A's block a moment later); the same
        //    Idempotency-Key sent again returns the first outcome and commits nothing new.
        var accessKey = Guid.NewGuid().ToString();
        var access = await EventuallyAsync(() => PostAsync(asClinicianB, $"/api/health/records/{recordId}/accesses", new { consentId, purpose = "treatment" }, accessKey));
        access.StatusCode.Should().Be(HttpStatusCode.Created, await access.Content.ReadAsStringAsync());
        var auditId = (await JsonAsync(access)).GetProperty("transactionId").GetString();
        var replay = await PostAsync(asClinicianB, $"/api/health/records/{recordId}/accesses", new { consentId, purpose = "treatment" }, accessKey);
        replay.StatusCode.Should().Be(HttpStatusCode.Created);
        (await JsonAsync(replay)).GetProperty("transactionId").GetString().Should().Be(auditId, "a repeated Idempotency-Key returns the first outcome");

        // 6. B reads the shared copy and it matches the public hash; 7. the patient sees the access in the log.
        var read = await JsonAsync(await EventuallyAsync(() => asClinicianB.GetAsync($"/api/health/accesses/{auditId}")));
        Encoding.UTF8.GetString(read.GetProperty("content").GetBytesFromBase64()).Should().Be(content);
        read.GetProperty("contentHash").GetString().Should().Be(contentHash);
        read.GetProperty("hashVerified").GetBoolean().Should().BeTrue();
        var log = await JsonAsync(await EventuallyAsync(() => asPatient.GetAsync("/api/health/audit/mine")));
        log.EnumerateArray().Where(e => e.GetProperty("auditId").GetString() == auditId).Should().ContainSingle("the replayed request did not commit a second access");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    /// <summary>
    /// Each organization's peer commits a block on its own; a call through another organization's peer right after a
    /// commit may not see it yet (as on real Fabric). Retries 404/409/422 answers for a few seconds.
    /// </summary>
    private static async Task<HttpResponseMessage> EventuallyAsync(Func<Task<HttpResponseMessage>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await call();
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline ||
                response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity))
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(300);
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
