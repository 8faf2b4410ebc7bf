using BenchmarkDotNet.Attributes;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Fabric.Chaincode.Benchmarks;

/// <summary>
/// Round trips between chaincode and peer over a real loopback HTTP/2 stream (plaintext), through the public
/// server: the peer sends TRANSACTION, the chaincode calls the stub, the peer answers every call, the chaincode
/// sends COMPLETED.
/// </summary>
[MemoryDiagnoser]
public class ShimRoundTripBenchmarks
{
    private const int CallsPerTransaction = 100;
    private ChaincodeServer _server = null!;
    private LoopbackPeer _peer = null!;
    private long _txCounter;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = ChaincodeServer.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.UseChaincode<StateChaincode>().Configure(o =>
        {
            o.Address = "127.0.0.1:0";
            o.PackageId = "bench:0";
            o.TlsDisabled = true;
        });
        _server = builder.Build();
        await _server.StartAsync();
        _peer = await LoopbackPeer.ConnectAsync(_server.Addresses[0]);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _peer.DisposeAsync();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    /// <summary>One GetState round trip (measured as 100 per transaction).</summary>
    [Benchmark(OperationsPerInvoke = CallsPerTransaction)]
    public Task GetState() => InvokeAsync("get", "100");

    /// <summary>One PutState round trip (measured as 100 per transaction).</summary>
    [Benchmark(OperationsPerInvoke = CallsPerTransaction)]
    public Task PutState() => InvokeAsync("put", "100");

    /// <summary>A whole transaction: TRANSACTION, 10 GetState, 10 PutState, COMPLETED.</summary>
    [Benchmark]
    public Task Transaction10Reads10Writes() => InvokeAsync("rw", "10", "10");

    /// <summary>16 such transactions at once on the same stream (throughput under concurrency).</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public Task Transaction10Reads10WritesConcurrent16() =>
        Task.WhenAll(Enumerable.Range(0, 16).Select(_ => InvokeAsync("rw", "10", "10")));

    private Task<ChaincodeMessage> InvokeAsync(params string[] args)
    {
        var input = new ChaincodeInput();
        foreach (var arg in args)
        {
            input.Args.Add(ByteString.CopyFromUtf8(arg));
        }

        return _peer.InvokeAsync("tx" + Interlocked.Increment(ref _txCounter), input);
    }
}
