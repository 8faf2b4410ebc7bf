using BenchmarkDotNet.Attributes;
using Fabric.Gateway.Client.Identity;
using Grpc.Net.Client;

namespace Fabric.Gateway.Client.Benchmarks;

/// <summary>
/// The four workloads of the Node script, with the same transaction names and arguments:
/// proposals built and signed (no network), evaluate and submit round trips one at a time, and submits with
/// <see cref="Concurrency"/> in flight.
/// </summary>
[MemoryDiagnoser]
public class GatewayClientBenchmarks
{
    public const int Concurrency = 16;

    private PeerSession _session = null!;
    private GrpcChannel _channel = null!;
    private Contract _contract = null!;
    private ISigner _signer = null!;
    private ProposalOptions _submitArguments = null!;
    private ProposalOptions _evaluateArguments = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _session = await PeerSession.StartAsync();
        (_channel, var gateway) = _session.Connect();
        _contract = gateway.GetNetwork("mychannel").GetContract("basic");
        _signer = Signers.CreateFromPem(_session.Identity.PrivateKeyPem);
        _submitArguments = new ProposalOptions().AddArguments("asset1", "blue");
        _evaluateArguments = new ProposalOptions().AddArguments("asset1");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _channel.Dispose();
        await _session.DisposeAsync();
    }

    [Benchmark(Description = "proposalSign")]
    public async Task<byte[]> BuildAndSignProposal()
    {
        var proposal = _contract.NewProposal("CreateAsset", _submitArguments);
        return await _signer.SignAsync(proposal.GetDigest());
    }

    [Benchmark(Description = "evaluate")]
    public Task<byte[]> Evaluate() => _contract.EvaluateAsync("ReadAsset", _evaluateArguments);

    [Benchmark(Description = "submit")]
    public Task<byte[]> Submit() => _contract.SubmitAsync("CreateAsset", _submitArguments);

    [Benchmark(Description = "submitConcurrent", OperationsPerInvoke = Concurrency)]
    public Task SubmitConcurrent()
    {
        var submits = new Task[Concurrency];
        for (var i = 0; i < Concurrency; i++)
        {
            submits[i] = _contract.SubmitAsync("CreateAsset", _submitArguments);
        }

        return Task.WhenAll(submits);
    }
}
