using System.Net;
using System.Text;
using System.Text.Json;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.HealthRecords;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway;

/// <summary>
/// Inputs end to end, through the gateway and the real chaincode on the peers: free text in the scripts and forms a
/// hospital meets (accents, CJK, emoji with joiners, combining marks, line breaks, the longest text allowed counted
/// in UTF-16 code units as the chaincode counts it) is stored and read back code point for code point; bad bodies
/// (malformed JSON, wrong types, an unpaired surrogate, control characters, a body over the size limit, a route value
/// that is no identifier) are 4xx ProblemDetails, never a 5xx, and nothing of them reaches the ledger.
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class InputsOverRestTests(DevNetworkFixture devNetwork, RealNetworkFixture realNetwork)
{
    private static readonly string[] FreeTexts =
    [
        "Émile Zola, Île-de-France",
        "患者は意識不明",
        "Family history: 👨‍👩‍👧 (emoji with zero-width joiners)",
        "e\u0301 (combining accent, not normalized)",
        "line one\nline two\tindented",
        // The longest amendment text: 4,000 UTF-16 code units (2,000 emoji), counted as the chaincode counts.
        string.Concat(Enumerable.Repeat("😀", 2000)),
    ];

    [Fact]
    public Task FreeTextRoundTrips_AndBadInputsAre4xx_OnDevNetwork() => RunAsync(devNetwork.Network);

    [SkippableFact]
    public async Task FreeTextRoundTrips_AndBadInputsAre4xx_OnRealFabric()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await RunAsync(realNetwork.Network);
    }

    private static async Task RunAsync(FabricTestNetwork network)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        var patientId = UniqueIds.New("patient");
        var users = await Task.WhenAll(
            network.AdminAsync(HealthActor.HospitalA, ct),
            network.EnrollAsync(HealthActor.HospitalA, UniqueIds.New("dr-a"), new Dictionary<string, string> { ["role"] = "clinician" }, cancellationToken: ct),
            network.EnrollAsync(HealthActor.HospitalA, UniqueIds.New("pat"), new Dictionary<string, string> { ["role"] = "patient", ["patientId"] = patientId }, cancellationToken: ct));
        await using var gateway = RestGatewayHost.Start(network, "health", HealthActor.Channel, HealthActor.Chaincode, new Dictionary<string, TestUser>
        {
            ["admin-a"] = users[0], ["clinician-a"] = users[1], ["patient"] = users[2],
        });
        using var admin = gateway.ClientOf("admin-a");
        using var clinician = gateway.ClientOf("clinician-a");
        using var patient = gateway.ClientOf("patient");
        await admin.EnsureConfiguredAsync("/api/health/configuration", new { hospitalMspIds = new[] { HealthActor.HospitalA, HealthActor.HospitalB } }, ct);

        var recordId = UniqueIds.New("rec");
        var record = new
        {
            recordId, patientId, category = "laboratory", typeCode = "11502-2", contentType = "application/fhir+json",
            content = Encoding.UTF8.GetBytes("""{"resourceType":"Observation","valueString":"Na 141"}"""),
        };
        await (await clinician.SubmitAsync("/api/health/records", record, cancellationToken: ct)).JsonAsync(201, ct);

        // Free text: stored through the chaincode and read back exactly.
        foreach (var text in FreeTexts)
        {
            var requested = await (await patient.SubmitAsync($"/api/health/records/{recordId}/amendments", new { text }, cancellationToken: ct)).JsonAsync(201, ct);
            var amendmentId = requested.GetProperty("transactionId").GetString()!;
            var read = await patient.GetJsonAsync($"/api/health/amendments/{amendmentId}", cancellationToken: ct);
            read.GetProperty("requestText").GetString().Should().Be(text, "free text comes back code point for code point");
        }

        // Bad inputs: 4xx ProblemDetails, never a 5xx.
        var amendments = $"/api/health/records/{recordId}/amendments";
        await ExpectProblemAsync(patient, amendments, """{"text": "unterminated""", 400, ct);
        await ExpectProblemAsync(patient, amendments, """["text"]""", 400, ct);
        await ExpectProblemAsync(patient, amendments, """{"text": 42}""", 400, ct);
        await ExpectProblemAsync(patient, amendments, """{"text": "half an emoji \ud83d here"}""", 400, ct);
        await ExpectProblemAsync(patient, amendments, JsonSerializer.Serialize(new { text = "bidi override \u202E gnp.exe" }), 400, ct);
        await ExpectProblemAsync(patient, amendments, JsonSerializer.Serialize(new { text = string.Concat(Enumerable.Repeat("😀", 2000)) + "x" }), 400, ct);
        await ExpectProblemAsync(patient, amendments, JsonSerializer.Serialize(new { text = new string('a', 3 * 1024 * 1024) }), 413, ct);
        await ExpectProblemAsync(patient, "/api/health/records/%F0%9F%98%80/amendments", """{"text":"x"}""", 400, ct);
        await ExpectProblemAsync(clinician, "/api/health/records", JsonSerializer.Serialize(record with { recordId = "rec 🙂" }), 400, ct);

        var history = await clinician.GetJsonAsync($"/api/health/records/{recordId}/history", cancellationToken: ct);
        history.GetArrayLength().Should().Be(1, "no refused request changed the record");
    }

    private static async Task ExpectProblemAsync(HttpClient client, string path, string body, int status, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        ((int)response.StatusCode).Should().Be(status, "POST {0} with {1} answered {2}", path, body.Length > 80 ? body[..80] + "..." : body, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(text);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(status);
    }
}
