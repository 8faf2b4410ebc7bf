using Fabric.Chaincode;

namespace HealthRecords.Internal;

/// <summary>
/// Checks that the peer running the transaction belongs to the organization whose private collection it must
/// read or write. A Fabric peer that is not a member of a collection silently has no private data, so without
/// this check a misrouted proposal would look like "not found"; with it the client learns where to send it.
/// Skipped when the chaincode server was not told its peer's MSP (CORE_PEER_LOCALMSPID unset).
/// </summary>
internal static class EndorsingPeer
{
    /// <exception cref="ChaincodeException">400 naming the organization whose peer must endorse.</exception>
    public static void Require(IChaincodeStub stub, string mspId, string action)
    {
        if (stub.LocalMspId.Length > 0 && !string.Equals(stub.LocalMspId, mspId, StringComparison.Ordinal))
        {
            throw ChaincodeException.BadRequest(
                $"To {action} the proposal must be endorsed by a peer of {mspId} (this peer belongs to {stub.LocalMspId}).");
        }
    }

    /// <summary>Requires a peer of either organization of a pairwise collection.</summary>
    public static void RequireEither(IChaincodeStub stub, string firstMspId, string secondMspId, string action)
    {
        if (stub.LocalMspId.Length > 0 &&
            !string.Equals(stub.LocalMspId, firstMspId, StringComparison.Ordinal) &&
            !string.Equals(stub.LocalMspId, secondMspId, StringComparison.Ordinal))
        {
            throw ChaincodeException.BadRequest(
                $"To {action} the proposal must be endorsed by a peer of {firstMspId} or {secondMspId} (this peer belongs to {stub.LocalMspId}).");
        }
    }
}
