using Grpc.Core;

namespace Fabric.Gateway.Client;

/// <summary>Endorsement failed: the proposal was not endorsed as the policy requires (the gateway returns each endorser's error).</summary>
public sealed class EndorseException : TransactionException
{
    public EndorseException()
        : this("Endorsement failed.")
    {
    }

    public EndorseException(string message)
        : base(message)
    {
    }

    public EndorseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public EndorseException(
        string message, string transactionId, StatusCode? statusCode, IReadOnlyList<EndpointError> details, Exception? innerException)
        : base(message, transactionId, statusCode, details, innerException)
    {
    }
}
