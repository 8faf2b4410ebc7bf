using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Fabric.Protos.Gateway;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Fabric.Gateway.TestDoubles;

/// <summary>The gRPC methods of the scripted peer, for fault scripting and call counts.</summary>
public enum PeerMethod
{
    Evaluate,
    Endorse,
    Submit,
    CommitStatus,
    ChaincodeEvents,
    Deliver,
}

/// <summary>
/// Everything a test scripts and observes on the scripted peer: the chaincode's behaviour, injected faults, the
/// ledgers, what was called, and every protocol violation found in a client request.
/// </summary>
public sealed class ScriptedPeerState : IDisposable
{
    private readonly ConcurrentDictionary<string, ScriptedLedger> _ledgers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PeerMethod, ConcurrentQueue<RpcException>> _faults = new();
    private readonly ConcurrentDictionary<PeerMethod, int> _calls = new();
    private readonly ConcurrentDictionary<PeerMethod, TaskCompletionSource> _listening = new();
    private readonly ConcurrentDictionary<PeerMethod, TaskCompletionSource> _called = new();

    public ScriptedPeerState()
    {
        PeerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PeerIdentity = TestCertificates.CreateIdentity(PeerMspId, ECCurve.NamedCurves.nistP256, "peer0");
    }

    /// <summary>The address the peer reports in error details.</summary>
    public string PeerAddress { get; set; } = "peer0.org1.example.com:7051";

    public string PeerMspId { get; } = "Org1MSP";

    internal TestIdentity PeerIdentity { get; }

    internal ECDsa PeerKey { get; }

    /// <summary>The hash the client signs with (Fabric MSPs default to SHA-256).</summary>
    public HashAlgorithmName SignatureHash { get; set; } = HashAlgorithmName.SHA256;

    /// <summary>When set, block-event requests must carry this TLS client certificate hash.</summary>
    public ByteString? ExpectedTlsCertificateHash { get; set; }

    /// <summary>The chaincode: maps each verified invocation to its outcome. Default: returns "&lt;function&gt;:&lt;args joined by ,&gt;".</summary>
    public Func<Invocation, ChaincodeOutcome> Chaincode { get; set; } =
        invocation => new ChaincodeOutcome(Encoding.UTF8.GetBytes(invocation.Function + ":" + string.Join(",", invocation.StringArgs)));

    /// <summary>Whether committed blocks keep the full transaction envelopes (false for long benchmark runs). Default true.</summary>
    public bool RetainBlockContents { get; set; } = true;

    /// <summary>Whether <see cref="Evaluated"/> and <see cref="Endorsed"/> record invocations (false for long benchmark runs). Default true.</summary>
    public bool RecordInvocations { get; set; } = true;

    /// <summary>Requests a Fabric peer would reject, with the reason.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    public ConcurrentQueue<Invocation> Evaluated { get; } = new();

    public ConcurrentQueue<Invocation> Endorsed { get; } = new();

    /// <summary>Transaction IDs of accepted submits, in order (a resent transaction appears twice).</summary>
    public ConcurrentQueue<string> Submitted { get; } = new();

    internal ConcurrentDictionary<string, PendingTransaction> Pending { get; } = new(StringComparer.Ordinal);

    public ScriptedLedger Ledger(string channelId) => _ledgers.GetOrAdd(channelId, id => new ScriptedLedger(id));

    public int CallCount(PeerMethod method) => _calls.GetValueOrDefault(method);

    /// <summary>Completes once a chaincode-events or deliver stream has fixed its start block (so later commits reach it).</summary>
    public Task StreamListening(PeerMethod method) =>
        _listening.GetOrAdd(method, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Completes when <paramref name="method"/> is first called.</summary>
    public Task Called(PeerMethod method) =>
        _called.GetOrAdd(method, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal void MarkListening(PeerMethod method) =>
        _listening.GetOrAdd(method, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>The next call of <paramref name="method"/> fails as Fabric would: gRPC status plus gateway.ErrorDetail entries.</summary>
    public void FailNext(PeerMethod method, StatusCode code, string message, params ErrorDetail[] details) =>
        _faults.GetOrAdd(method, _ => new ConcurrentQueue<RpcException>()).Enqueue(RpcError(code, message, details));

    /// <summary>An RpcException carrying a google.rpc.Status with the details packed as Any, like Fabric's gateway.</summary>
    public static RpcException RpcError(StatusCode code, string message, params ErrorDetail[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }

    internal void Enter(PeerMethod method)
    {
        _calls.AddOrUpdate(method, 1, (_, count) => count + 1);
        _called.GetOrAdd(method, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (_faults.TryGetValue(method, out var queue) && queue.TryDequeue(out var fault))
        {
            throw fault;
        }
    }

    internal RpcException Violation(string violation)
    {
        Violations.Enqueue(violation);
        return new RpcException(new Status(StatusCode.InvalidArgument, violation));
    }

    public void Dispose() => PeerKey.Dispose();
}

internal sealed record PendingTransaction(ByteString EnvelopePayload, ChaincodeOutcome Outcome, Invocation Invocation);
