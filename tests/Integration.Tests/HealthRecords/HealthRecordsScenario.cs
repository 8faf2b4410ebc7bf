using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.HealthRecords;

/// <summary>
/// The people, IDs and private values of one run of the health-records happy path (docs/health-records.md), and its
/// steps as calls through the real peers. Every ID is unique per run: a real test-network keeps its ledger.
/// </summary>
internal sealed class HealthRecordsScenario
{
    public const string HospitalA = HealthActor.HospitalA;
    public const string HospitalB = HealthActor.HospitalB;
    public const string PairwiseCollection = "health_pair_HospitalAMSP_HospitalBMSP";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HealthRecordsScenario(FabricTestNetwork network, HealthActor adminA, HealthActor clinicianA, HealthActor clinicianB, HealthActor patient, string patientId)
    {
        Network = network;
        AdminA = adminA;
        ClinicianA = clinicianA;
        ClinicianB = clinicianB;
        Patient = patient;
        PatientId = patientId;
        Content = new Secret("record content",
            $"{{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{{\"text\":\"11502-2\"}},\"valueString\":\"serum potassium 5.9 mmol/L, {UniqueIds.New("marker")}\"}}");
        EmergencyReason = new Secret("emergency reason", $"unconscious on arrival, anticoagulant status unknown, {UniqueIds.New("reason")}");
        ContentHash = Convert.ToHexStringLower(SHA256.HashData([.. ContentSalt, .. Encoding.UTF8.GetBytes(Content.Text)]));
    }

    public FabricTestNetwork Network { get; }

    public HealthActor AdminA { get; }

    public HealthActor ClinicianA { get; }

    public HealthActor ClinicianB { get; }

    /// <summary>A patient enrolled at hospital A (<c>role=patient</c>, <c>patientId</c> = a pseudonym).</summary>
    public HealthActor Patient { get; }

    public string PatientId { get; }

    public string RecordId { get; } = UniqueIds.New("rec");

    public string ConsentId { get; } = UniqueIds.New("consent");

    /// <summary>The FHIR document hospital A registers; private: in A's implicit collection, then in the pairwise one.</summary>
    public Secret Content { get; }

    /// <summary>Why B's clinician broke the glass; private: in B's implicit collection.</summary>
    public Secret EmergencyReason { get; }

    public byte[] ContentSalt { get; } = RandomNumberGenerator.GetBytes(16);

    public byte[] ReasonSalt { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>SHA-256(salt || content) computed here, independently of the chaincode.</summary>
    public string ContentHash { get; }

    /// <summary>The block of the consent-based share (whose private data B's peer holds until the purge).</summary>
    public ulong ShareBlock { get; set; }

    /// <summary>Every transaction the scenario committed, in order, with the chaincode event each must have raised.</summary>
    public List<(Committed Transaction, string? ExpectedEvent)> Committed { get; } = [];

    public static async Task<HealthRecordsScenario> EnrollAsync(FabricTestNetwork network, CancellationToken cancellationToken)
    {
        var patientId = UniqueIds.New("patient");
        var clinician = new Dictionary<string, string> { ["role"] = "clinician" };
        var users = await Task.WhenAll(
            network.AdminAsync(HospitalA, cancellationToken),
            network.EnrollAsync(HospitalA, UniqueIds.New("dr-a"), clinician, cancellationToken: cancellationToken),
            network.EnrollAsync(HospitalB, UniqueIds.New("dr-b"), clinician, cancellationToken: cancellationToken),
            network.EnrollAsync(HospitalA, UniqueIds.New("pat"), new Dictionary<string, string> { ["role"] = "patient", ["patientId"] = patientId }, cancellationToken: cancellationToken));
        return new HealthRecordsScenario(
            network, new HealthActor(network, users[0]), new HealthActor(network, users[1]), new HealthActor(network, users[2]), new HealthActor(network, users[3]), patientId);
    }

    public Dictionary<string, byte[]> ContentTransient() =>
        new() { ["content"] = JsonSerializer.SerializeToUtf8Bytes(new { content = Encoding.UTF8.GetBytes(Content.Text), salt = ContentSalt }, Json) };

    public Dictionary<string, byte[]> ReasonTransient() =>
        new() { ["emergency"] = JsonSerializer.SerializeToUtf8Bytes(new { text = EmergencyReason.Text, salt = ReasonSalt }, Json) };

    public string RegistrationJson(string? recordId = null) => JsonSerializer.Serialize(
        new { recordId = recordId ?? RecordId, patientId = PatientId, category = "laboratory", typeCode = "11502-2", contentType = "application/fhir+json" }, Json);

    public string ConsentJson(DateTimeOffset now, string? patientId = null) => JsonSerializer.Serialize(
        new
        {
            consentId = ConsentId,
            patientId,
            granteeMspId = HospitalB,
            scope = new { categories = new[] { "laboratory" } },
            purpose = "treatment",
            periodEnd = now.AddDays(30),
        },
        Json);

    public Committed Record(Committed transaction, string? expectedEvent)
    {
        Committed.Add((transaction, expectedEvent));
        return transaction;
    }

    /// <summary>The chaincode events of the scenario's transactions, read from the peer from the first block the scenario wrote.</summary>
    public async Task<IReadOnlyDictionary<string, ChaincodeEvent>> ReadEventsAsync(CancellationToken cancellationToken)
    {
        var expected = Committed.Where(c => c.ExpectedEvent is not null).Select(c => c.Transaction.TransactionId).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, ChaincodeEvent>(StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var channel = Network.Connect(Patient.User).GetNetwork(HealthActor.Channel);
        var options = new EventsOptions { StartBlock = Committed.Min(c => c.Transaction.BlockNumber) };
        await foreach (var chaincodeEvent in channel.GetChaincodeEventsAsync(HealthActor.Chaincode, options, timeout.Token))
        {
            if (expected.Contains(chaincodeEvent.TransactionId))
            {
                found[chaincodeEvent.TransactionId] = chaincodeEvent;
                if (found.Count == expected.Count)
                {
                    break;
                }
            }
        }

        return found;
    }
}
