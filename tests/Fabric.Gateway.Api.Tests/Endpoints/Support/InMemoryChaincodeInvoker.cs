using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Testing;
using Fabric.Gateway.Api.Fabric;

namespace Fabric.Gateway.Api.Tests.Endpoints.Support;

/// <summary>
/// Runs the endpoints' chaincode calls against the real contracts of the three chaincodes over the in-memory stub:
/// arguments and transient data are bound exactly as on a peer, so a call the contract cannot read fails here.
/// The caller is whoever <see cref="ActAs"/> named last; time is <see cref="Now"/>. Calls must come one at a time
/// (the stub is one ledger with one transaction open), as the tests' awaited requests do.
/// </summary>
internal sealed class InMemoryChaincodeInvoker : IChaincodeInvoker
{
    private readonly ConcurrentDictionary<string, X509Certificate2> certificates = new(StringComparer.Ordinal);

    private readonly Dictionary<string, (InMemoryChaincodeStub Stub, ContractChaincode Chaincode)> networks = new(StringComparer.Ordinal)
    {
        ["trade"] = (new InMemoryChaincodeStub("trade"), ContractChaincode.Create(ContractsOf("TradeFinance"))),
        ["pharma"] = (new InMemoryChaincodeStub("pharma"), ContractChaincode.Create(ContractsOf("PharmaSettlement"))),
        ["health"] = (new InMemoryChaincodeStub("health"), ContractChaincode.Create(ContractsOf("HealthRecords"))),
    };

    private string mspId = "NobodyMSP";
    private X509Certificate2? certificate;
    private ulong blockNumber;

    public DateTimeOffset Now { get; set; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Makes the next calls as a client of <paramref name="organization"/> whose certificate carries <paramref name="attributes"/>.</summary>
    public void ActAs(string organization, params (string Name, string Value)[] attributes)
    {
        mspId = organization;
        var key = organization + "|" + string.Join(",", attributes.Select(a => $"{a.Name}={a.Value}"));
        certificate = certificates.GetOrAdd(key, _ => TestIdentities.CreateCertificate(
            key.Replace('|', '-').Replace(',', '-').Replace('=', '-'), attributes.ToDictionary(a => a.Name, a => a.Value)));
    }

    /// <summary>Everything public on a channel: state and events, as text, to search for leaked private data.</summary>
    public string PublicText(string businessNetwork)
    {
        var stub = networks[businessNetwork].Stub;
        return string.Join('\n', stub.State.Select(kv => kv.Key + "=" + Encoding.UTF8.GetString(kv.Value))
            .Concat(stub.Events.Select(e => e.Name + ":" + Encoding.UTF8.GetString(e.Payload.Span))));
    }

    /// <summary>Makes the next calls as an administrator of <paramref name="organization"/> (certificate OU=admin, no attributes).</summary>
    public void ActAsAdmin(string organization)
    {
        mspId = organization;
        certificate = certificates.GetOrAdd(organization + "|admin", _ => TestIdentities.CreateCertificate("Admin", organizationalUnit: "admin"));
    }

    public async Task<ReadOnlyMemory<byte>> EvaluateAsync(ChaincodeCall transaction, CancellationToken cancellationToken) =>
        (await RunAsync(transaction, cancellationToken)).Payload;

    public async Task<SubmitOutcome> SubmitAsync(ChaincodeCall transaction, CancellationToken cancellationToken)
    {
        var (payload, txId) = await RunAsync(transaction, cancellationToken);
        return new SubmitOutcome(txId, Interlocked.Increment(ref blockNumber), payload);
    }

    private async Task<(ReadOnlyMemory<byte> Payload, string TxId)> RunAsync(ChaincodeCall transaction, CancellationToken cancellationToken)
    {
        var (stub, chaincode) = networks[transaction.BusinessNetwork];
        stub.SetCreator(mspId, certificate ?? throw new InvalidOperationException("Call ActAs first."));
        stub.TxTimestamp = Now;
        stub.TransientData.Clear();
        foreach (var (key, value) in transaction.Transient ?? new Dictionary<string, byte[]>())
        {
            stub.TransientData[key] = value;
        }

        var txId = stub.TxId;
        byte[][] args = [Encoding.UTF8.GetBytes(transaction.TransactionName), .. transaction.Arguments.Select(Encoding.UTF8.GetBytes)];
        var response = await stub.InvokeAsync(chaincode, args, cancellationToken);
        return response.IsSuccess
            ? (response.Payload, txId)
            : throw new ChaincodeRefusedException(transaction.TransactionName, response.Status, response.Message);
    }

    private static Type[] ContractsOf(string assemblyName) =>
        Assembly.Load(new AssemblyName(assemblyName)).GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(Contract).IsAssignableFrom(t) && t.GetCustomAttribute<ContractAttribute>() is not null)
            .ToArray();
}

/// <summary>The contract refused the call: the test fails with the chaincode's status and message.</summary>
internal sealed class ChaincodeRefusedException(string transaction, int status, string message)
    : Exception($"{transaction} answered {status}: {message}")
{
    public int Status { get; } = status;
}
