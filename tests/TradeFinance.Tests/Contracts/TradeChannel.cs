using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Testing;
using FluentAssertions;
using TradeFinance.Contracts;

namespace TradeFinance.Tests.Contracts;

/// <summary>
/// The trade channel in memory: the chaincode's three contracts over the in-memory stub, callers with Fabric CA
/// style certificates (MSP ID plus role/company attributes), and a transaction clock the test moves.
/// </summary>
internal sealed class TradeChannel
{
    private static readonly Lazy<Dictionary<string, X509Certificate2>> Certificates = new(CreateCertificates);

    private readonly ContractChaincode _chaincode =
        ContractChaincode.Create(typeof(LetterOfCreditContract), typeof(BillOfLadingContract), typeof(TradeConfigurationContract));

    public TradeChannel()
    {
        Now = TradeSamples.Start;
    }

    /// <summary>The callers, by name: MSP ID and certificate attributes.</summary>
    public static readonly IReadOnlyDictionary<string, (string MspId, string? Role, string? Company)> Callers =
        new Dictionary<string, (string, string?, string?)>
        {
            ["issuingOfficer"] = (TradeSamples.IssuingBank, "officer", null),
            ["advisingOfficer"] = (TradeSamples.AdvisingBank, "officer", null),
            ["carrierOfficer"] = (TradeSamples.Carrier, "officer", null),
            ["applicant"] = (TradeSamples.IssuingBank, "applicant", TradeSamples.Importer),
            ["beneficiary"] = (TradeSamples.AdvisingBank, "beneficiary", TradeSamples.Exporter),
            ["otherApplicant"] = (TradeSamples.IssuingBank, "applicant", "IMP-999"),
            ["otherBeneficiary"] = (TradeSamples.AdvisingBank, "beneficiary", "EXP-999"),
            ["applicantAtAdvisingBank"] = (TradeSamples.AdvisingBank, "applicant", TradeSamples.Importer),
            ["noRole"] = (TradeSamples.IssuingBank, null, null),
        };

    public InMemoryChaincodeStub Stub { get; } = CreateStub();

    /// <summary>A stub that enforces the collections of the deployed chaincode definition (fabric-network/config/collections).</summary>
    private static InMemoryChaincodeStub CreateStub()
    {
        var stub = new InMemoryChaincodeStub("trade") { ChaincodeName = "trade-finance" };
        stub.DefineCollections(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "collections", "trade-finance.json")));
        return stub;
    }

    /// <summary>The timestamp of the next transaction.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>Runs one transaction as <paramref name="caller"/>, with transient values serialized as JSON (byte arrays raw).</summary>
    public async Task<ChaincodeResponse> InvokeAsync(string caller, string function, string[] args, IReadOnlyDictionary<string, object>? transient = null)
    {
        var (mspId, _, _) = Callers[caller];
        Stub.SetCreator(mspId, Certificates.Value[caller]);
        Stub.TransientData.Clear();
        foreach (var (key, value) in transient ?? new Dictionary<string, object>())
        {
            Stub.TransientData[key] = value as byte[] ?? JsonSerializer.SerializeToUtf8Bytes(value, ChaincodeJson.Options);
        }

        Stub.TxTimestamp = Now;
        return await Stub.InvokeAsync(_chaincode, [function, .. args]);
    }

    /// <summary>Runs a transaction that must succeed and reads its JSON result.</summary>
    public async Task<T> SubmitAsync<T>(string caller, string function, string[] args, IReadOnlyDictionary<string, object>? transient = null)
    {
        var response = await InvokeAsync(caller, function, args, transient);
        response.Status.Should().Be(200, "{0} by {1} should succeed, but answered: {2}", function, caller, response.Message);
        return JsonSerializer.Deserialize<T>(response.Payload.Span, ChaincodeJson.Options)!;
    }

    /// <summary>Runs a transaction that must fail with <paramref name="status"/>; returns the message.</summary>
    public async Task<string> RefusedAsync(int status, string caller, string function, string[] args, IReadOnlyDictionary<string, object>? transient = null)
    {
        var eventsBefore = Stub.Events.Count;
        var response = await InvokeAsync(caller, function, args, transient);
        response.Status.Should().Be(status, "{0} by {1} should be refused, and answered: {2}", function, caller, response.Message);
        Stub.Events.Count.Should().Be(eventsBefore, "a refused transaction emits no event");
        return response.Message;
    }

    /// <summary>The name of the last committed event.</summary>
    public string LastEventName => Stub.Events[^1].Name;

    /// <summary>The payload of the last committed event as text.</summary>
    public string LastEventPayload => Encoding.UTF8.GetString(Stub.Events[^1].Payload.Span);

    /// <summary>Every byte of committed public state and events, as text, to search for leaked private terms.</summary>
    public string PublicText() =>
        string.Join("\n", Stub.State.Select(p => p.Key + "=" + Encoding.UTF8.GetString(p.Value)))
        + string.Join("\n", Stub.Events.Select(e => e.Name + "=" + Encoding.UTF8.GetString(e.Payload.Span)));

    private static Dictionary<string, X509Certificate2> CreateCertificates() => Callers.ToDictionary(
        c => c.Key,
        c =>
        {
            var attributes = new Dictionary<string, string>();
            if (c.Value.Role is { } role)
            {
                attributes["role"] = role;
            }

            if (c.Value.Company is { } company)
            {
                attributes["company"] = company;
            }

            return TestIdentities.CreateCertificate(c.Key, attributes);
        });
}
