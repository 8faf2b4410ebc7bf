using FluentAssertions;
using System.Collections.Concurrent;
using System.Text;
using Fabric.Gateway.Api.Fabric;

namespace Fabric.Gateway.Api.Tests.Endpoints.Support;

/// <summary>
/// The fake at the endpoints' boundary: records every call and answers with a fixed payload, as a committed
/// transaction in block <see cref="BlockNumber"/>. The default payload also carries the fields the endpoints read
/// to find endorsing organizations (a credit's banks, a consent's grantee, an amendment's author, the pharma roles, a settlement's parties).
/// </summary>
internal sealed class RecordingInvoker : IChaincodeInvoker
{
    public const string TransactionId = "4f1e0c3b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f";
    public const ulong BlockNumber = 42;

    private readonly ConcurrentQueue<(ChaincodeCall Call, bool IsEvaluate)> calls = new();

    /// <summary>What the chaincode "returns".</summary>
    public byte[] Payload { get; set; } = Encoding.UTF8.GetBytes(DefaultPayload);

    /// <summary>When set, every call throws it (as Fabric's failures reach the endpoints).</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, evaluations (lookups and queries) throw it instead of <see cref="Failure"/>.</summary>
    public Exception? EvaluateFailure { get; set; }

    /// <summary>When set, submits throw it instead of <see cref="Failure"/>.</summary>
    public Exception? SubmitFailure { get; set; }

    public IReadOnlyList<(ChaincodeCall Call, bool IsEvaluate)> Calls => calls.ToArray();

    public const string DefaultPayload =
        """{"status":"Recorded","issuingBankMspId":"IssuingBankMSP","advisingBankMspId":"AdvisingBankMSP","granteeMspId":"HospitalBMSP","authorMspId":"HospitalAMSP","manufacturers":["ManufacturerMSP"],"wholesalers":["WholesalerMSP"],"manufacturer":"ManufacturerMSP","wholesaler":"WholesalerMSP"}""";

    /// <summary>
    /// The one call the endpoint is about: the last, after any evaluations it made to look up endorsing organizations.
    /// </summary>
    public (ChaincodeCall Call, bool IsEvaluate) SingleCall
    {
        get
        {
            var all = Calls;
            all.Should().NotBeEmpty();
            all.SkipLast(1).Where(c => !c.IsEvaluate).Should().BeEmpty("only lookups of endorsing organizations precede the call");
            return all[^1];
        }
    }

    /// <summary>The evaluations made before <see cref="SingleCall"/>, to find its endorsing organizations.</summary>
    public IReadOnlyList<ChaincodeCall> Lookups => [.. Calls.SkipLast(1).Select(c => c.Call)];

    public void Reset()
    {
        calls.Clear();
        Failure = null;
        EvaluateFailure = null;
        SubmitFailure = null;
        Payload = Encoding.UTF8.GetBytes(DefaultPayload);
    }

    public Task<ReadOnlyMemory<byte>> EvaluateAsync(ChaincodeCall transaction, CancellationToken cancellationToken)
    {
        calls.Enqueue((transaction, true));
        if ((EvaluateFailure ?? Failure) is { } failure)
        {
            throw failure;
        }

        return Task.FromResult<ReadOnlyMemory<byte>>(Payload);
    }

    public Task<SubmitOutcome> SubmitAsync(ChaincodeCall transaction, CancellationToken cancellationToken)
    {
        calls.Enqueue((transaction, false));
        if ((SubmitFailure ?? Failure) is { } failure)
        {
            throw failure;
        }

        return Task.FromResult(new SubmitOutcome(TransactionId, BlockNumber, Payload));
    }
}
