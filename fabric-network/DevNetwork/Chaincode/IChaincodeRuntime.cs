using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Ledger.Rwset;
using Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode;

/// <summary>
/// Runs chaincode for a peer: dials the chaincode-as-a-service endpoint of each chaincode (protos.Chaincode/Connect),
/// keeps the stream, and simulates transactions against the world state, producing the read-write sets that
/// endorsement signs. One runtime per peer.
/// </summary>
internal interface IChaincodeRuntime : IAsyncDisposable
{
    /// <summary>
    /// Executes one invocation (an endorsement, an evaluation, or a chaincode-to-chaincode call made from inside
    /// another invocation) and returns what the chaincode answered and what it read and wrote.
    /// Does not throw for chaincode errors (they are in <see cref="ChaincodeExecutionResult.Response"/> with status
    /// 500 or the chaincode's own status); throws <see cref="ChaincodeUnavailableException"/> when the chaincode
    /// cannot be reached or is not defined.
    /// </summary>
    Task<ChaincodeExecutionResult> ExecuteAsync(ChaincodeInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>How a peer reaches one chaincode on one channel (from the chaincode definition and its connection.json).</summary>
/// <param name="PackageId">The package ID the chaincode must REGISTER with (label:hash).</param>
/// <param name="Address">host:port of the chaincode's gRPC server.</param>
/// <param name="RootCertificatePem">TLS root to verify the chaincode's server certificate; null for plaintext.</param>
/// <param name="ClientCertificatePem">Client certificate (and <paramref name="ClientKeyPem"/>) for mutual TLS, or null.</param>
internal sealed record ChaincodeEndpoint(
    string ChaincodeName,
    string PackageId,
    string Address,
    string? RootCertificatePem,
    string? ClientCertificatePem,
    string? ClientKeyPem,
    TimeSpan DialTimeout);

/// <param name="IsInit">True for an invocation with ChaincodeInput.is_init (sent as INIT instead of TRANSACTION).</param>
/// <param name="SignedProposal">The client's signed proposal, forwarded to the chaincode in ChaincodeMessage.proposal.</param>
/// <param name="Input">Function and arguments.</param>
/// <param name="TransientMap">The proposal's transient data.</param>
/// <param name="State">The world state of <paramref name="ChannelId"/> on this peer.</param>
/// <param name="Collections">Collection configurations by chaincode name (including implicit collections
/// `_implicit_org_&lt;MSPID&gt;` for every organization of the channel), for membership and memberOnlyRead/Write checks.</param>
/// <param name="LocalMspId">The MSP ID of the peer running the chaincode (what the chaincode sees as its peer).</param>
/// <param name="CreatorMspId">The MSP ID of the proposal's creator (memberOnlyRead/memberOnlyWrite are checked against it).</param>
internal sealed record ChaincodeInvocation(
    string ChannelId,
    string ChaincodeName,
    string TxId,
    bool IsInit,
    SignedProposal SignedProposal,
    ChaincodeInput Input,
    IReadOnlyDictionary<string, byte[]> TransientMap,
    IWorldState State,
    IReadOnlyDictionary<string, CollectionConfigPackage> Collections,
    string LocalMspId,
    string CreatorMspId);

/// <param name="ReadWriteSet">Public reads/writes (with range query info) and hashed private reads/writes, per namespace.</param>
/// <param name="PrivateWrites">The private read-write set (cleartext) for dissemination to member peers; null if none.</param>
/// <param name="Event">The chaincode event set with SetEvent, or null.</param>
internal sealed record ChaincodeExecutionResult(
    Response Response,
    TxReadWriteSet ReadWriteSet,
    TxPvtReadWriteSet? PrivateWrites,
    ChaincodeEvent? Event);

/// <summary>The chaincode is not defined on the channel, or its endpoint cannot be reached or did not register.</summary>
internal sealed class ChaincodeUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
