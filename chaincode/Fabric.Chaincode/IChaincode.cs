namespace Fabric.Chaincode;

/// <summary>
/// Low-level chaincode: what Fabric's Go <c>shim.Chaincode</c> is. Most chaincode is written as contracts
/// (<see cref="Contracts.Contract"/>) instead; implement this only to handle raw arguments yourself.
/// Throwing from these methods fails the transaction with a protocol ERROR carrying the exception message;
/// throw <see cref="ChaincodeException"/> to choose the status instead.
/// </summary>
public interface IChaincode
{
    /// <summary>Called for an invocation with <c>isInit</c> set (chaincode definitions that require initialization).</summary>
    Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken);

    /// <summary>Called for every other transaction proposal.</summary>
    Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken);
}
