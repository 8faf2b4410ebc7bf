namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>An execution that could not complete (Fabric's "failed to execute transaction" cases); the message is Fabric's text.</summary>
internal sealed class ChaincodeExecutionException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    public const string StreamTerminated = "chaincode stream terminated";

    public const string ExecutionTimeout = "timeout expired while executing transaction";
}
