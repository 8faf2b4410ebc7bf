using System.Text;
using System.Text.Json;
using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Testing;
using FluentAssertions;
using HealthRecords.Contracts;

namespace HealthRecords.Tests.Support;

/// <summary>
/// The health-records chaincode over the in-memory stub, with a hand-moved clock and the identities of a
/// two-hospital network. Every call is one whole transaction (committed on success, discarded on failure), run
/// on a peer of <c>peerMspId</c> (default: the caller's organization).
/// </summary>
internal sealed class HealthHarness
{
    public const string HospitalA = "HospitalAMSP";
    public const string HospitalB = "HospitalBMSP";
    public const string HospitalC = "HospitalCMSP";
    public const string PatientId = "patient-42";

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ContractChaincode> SharedChaincode = new(() => ContractChaincode.Create(
        typeof(RecordsContract), typeof(AmendmentsContract), typeof(ConsentsContract), typeof(SharingContract),
        typeof(EmergencyContract), typeof(AuditContract), typeof(ConfigurationContract)));

    public HealthHarness()
    {
        Time = new ManualTimeProvider(Start);
        Stub = new InMemoryChaincodeStub("health", Time) { ChaincodeName = "health-records" };
        Stub.DefineCollections(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "collections", "health-records.json")));
        Chaincode = SharedChaincode.Value;
    }

    public ManualTimeProvider Time { get; }

    public InMemoryChaincodeStub Stub { get; }

    public ContractChaincode Chaincode { get; }

    // Identities and the chaincode are immutable: created once per test run, because certificate generation and
    // contract reflection dominate the cost of a test otherwise.
    private static readonly TestUser SharedAdminA = TestUser.Admin(HospitalA);
    private static readonly TestUser SharedAdminB = TestUser.Admin(HospitalB);
    private static readonly TestUser SharedClinicianA = TestUser.Clinician(HospitalA, "dr-a");
    private static readonly TestUser SharedClinicianB = TestUser.Clinician(HospitalB, "dr-b");
    private static readonly TestUser SharedOtherClinicianB = TestUser.Clinician(HospitalB, "dr-b2");
    private static readonly TestUser SharedClinicianC = TestUser.Clinician(HospitalC, "dr-c");
    private static readonly TestUser SharedPatient = TestUser.Patient(HospitalA, PatientId);
    private static readonly TestUser SharedOtherPatient = TestUser.Patient(HospitalA, "patient-7");

    public TestUser AdminA { get; } = SharedAdminA;

    public TestUser AdminB { get; } = SharedAdminB;

    public TestUser ClinicianA { get; } = SharedClinicianA;

    public TestUser ClinicianB { get; } = SharedClinicianB;

    public TestUser OtherClinicianB { get; } = SharedOtherClinicianB;

    public TestUser ClinicianC { get; } = SharedClinicianC;

    /// <summary>The patient, enrolled at hospital A.</summary>
    public TestUser Patient { get; } = SharedPatient;

    public TestUser OtherPatient { get; } = SharedOtherPatient;

    /// <summary>Runs one transaction and returns the raw response.</summary>
    public async Task<ChaincodeResponse> InvokeAsync(
        TestUser caller, string function, string[] args, IReadOnlyDictionary<string, object>? transient = null, string? peerMspId = null)
    {
        Stub.StartTransaction(); // a fresh transaction ID and a timestamp from the (possibly advanced) clock
        Stub.SetCreator(caller.MspId, caller.Certificate);
        Stub.LocalMspId = peerMspId ?? caller.MspId;
        Stub.TransientData.Clear();
        foreach (var (key, value) in transient ?? new Dictionary<string, object>())
        {
            Stub.TransientData[key] = JsonSerializer.SerializeToUtf8Bytes(value, ChaincodeJson.Options);
        }

        return await Stub.InvokeAsync(Chaincode, [function, .. args]);
    }

    /// <summary>Runs a transaction that must succeed and reads its JSON result.</summary>
    public async Task<T> CallAsync<T>(
        TestUser caller, string function, string[] args, IReadOnlyDictionary<string, object>? transient = null, string? peerMspId = null)
    {
        var response = await InvokeAsync(caller, function, args, transient, peerMspId);
        response.Status.Should().Be(200, $"{function} should succeed, but failed with: {response.Message}");
        return JsonSerializer.Deserialize<T>(response.Payload.Span, ChaincodeJson.Options)!;
    }

    /// <summary>Runs a transaction that must fail with <paramref name="status"/>; returns the message.</summary>
    public async Task<string> FailAsync(
        int status, TestUser caller, string function, string[] args, IReadOnlyDictionary<string, object>? transient = null, string? peerMspId = null)
    {
        var response = await InvokeAsync(caller, function, args, transient, peerMspId);
        response.Status.Should().Be(status, $"{function} should fail with {status}; message: {response.Message}");
        return response.Message;
    }

    public static string Json(object value) => JsonSerializer.Serialize(value, ChaincodeJson.Options);

    public static byte[] Salt(byte seed) => Enumerable.Range(0, 16).Select(i => (byte)(seed + i)).ToArray();

    public static Dictionary<string, object> Content(string text, byte seed = 1) =>
        new() { ["content"] = new { content = Encoding.UTF8.GetBytes(text), salt = Salt(seed) } };

    public static Dictionary<string, object> Text(string key, string text, byte seed = 9) =>
        new() { [key] = new { text, salt = Salt(seed) } };

    // ---- Steps of the happy path ----

    public Task<JsonElement> InitializeAsync(params string[] hospitals) =>
        CallAsync<JsonElement>(AdminA, "Configuration:Initialize", [Json(new { hospitalMspIds = hospitals.Length > 0 ? hospitals : [HospitalA, HospitalB] })]);

    public Task<JsonElement> RegisterAsync(string recordId = "rec-1", string category = "laboratory", string content = RecordContent) =>
        CallAsync<JsonElement>(
            ClinicianA,
            "Records:RegisterRecord",
            [Json(new { recordId, patientId = PatientId, category, typeCode = "11502-2", contentType = "application/fhir+json" })],
            Content(content));

    public Task<JsonElement> GrantAsync(string consentId = "consent-1", string grantee = HospitalB, string[]? categories = null, TimeSpan? period = null, string purpose = "treatment") =>
        CallAsync<JsonElement>(Patient, "Consents:GrantConsent", [ConsentJson(consentId, grantee, categories, period, purpose)]);

    public string ConsentJson(string consentId = "consent-1", string grantee = HospitalB, string[]? categories = null, TimeSpan? period = null, string purpose = "treatment") =>
        Json(new
        {
            consentId,
            granteeMspId = grantee,
            scope = new { categories = categories ?? ["laboratory"], recordIds = Array.Empty<string>() },
            purpose,
            periodStart = Time.GetUtcNow(),
            periodEnd = Time.GetUtcNow() + (period ?? TimeSpan.FromDays(30)),
        });

    public Task<JsonElement> ShareAsync(string recordId = "rec-1", string consentId = "consent-1") =>
        CallAsync<JsonElement>(ClinicianA, "Sharing:ShareRecord", [recordId, consentId]);

    public Task<JsonElement> RequestAccessAsync(string recordId = "rec-1", string consentId = "consent-1", TestUser? clinician = null) =>
        CallAsync<JsonElement>(clinician ?? ClinicianB, "Sharing:RequestAccess", [recordId, consentId, "treatment"]);

    public Task<JsonElement> ReadAsync(string auditId, TestUser? clinician = null) =>
        CallAsync<JsonElement>(clinician ?? ClinicianB, "Sharing:ReadSharedRecord", [auditId]);

    /// <summary>Configured network, record rec-1 at A, consent-1 for B, shared: the start of most sharing tests.</summary>
    public async Task ShareRecordWithBAsync()
    {
        await InitializeAsync();
        await RegisterAsync();
        await GrantAsync();
        await ShareAsync();
    }

    public const string RecordContent = "{\"resourceType\":\"Observation\",\"code\":\"HIV-1 Ab\",\"valueString\":\"negative\"}";
}
