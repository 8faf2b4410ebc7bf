using FluentAssertions;
using System.Collections.Concurrent;
using System.Text;
using Fabric.Gateway.Api.Fabric;

namespace Fabric.Gateway.Api.Tests.Endpoints.Support;

/// <summary>
/// The fake at the endpoints' boundary: records every call and answers with a fixed payload, as a committed
/// transaction in block <see cref="BlockNumber"/>.
/// </summary>
internal sealed class RecordingInvoker : IChaincodeInvoker
{
    public const string TransactionId = "4f1e0c3b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f";
    public const ulong BlockNumber = 42;

    private readonly ConcurrentQueue<(ChaincodeCall Call, bool IsEvaluate)> calls = new();

    /// <summary>What the chaincode "returns".</summary>
    public byte[] Payload { get; set; } = Encoding.UTF8.GetBytes("""{"status":"Recorded"}""");

    /// <summary>When set, every call throws it (as Fabric's failures reach the endpoints).</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<(ChaincodeCall Call, bool IsEvaluate)> Calls => calls.ToArray();

    public (ChaincodeCall Call, bool IsEvaluate) SingleCall => Calls.Should().ContainSingle().Subject;

    public void Reset()
    {
        calls.Clear();
        Failure = null;
        Payload = Encoding.UTF8.GetBytes("""{"status":"Recorded"}""");
    }

    public Task<ReadOnlyMemory<byte>> EvaluateAsync(ChaincodeCall transaction, CancellationToken cancellationToken)
    {
        calls.Enqueue((transaction, true));
        if (Failure is not null)
        {
            throw Failure;
        }

        return Task.FromResult<ReadOnlyMemory<byte>>(Payload);
    }

    public Task<SubmitOutcome> SubmitAsync(ChaincodeCall transaction, CancellationToken cancellationToken)
    {
        calls.Enqueue((transaction, false));
        if (Failure is not null)
        {
            throw Failure;
        }

        return Task.FromResult(new SubmitOutcome(TransactionId, BlockNumber, Payload));
    }
}
