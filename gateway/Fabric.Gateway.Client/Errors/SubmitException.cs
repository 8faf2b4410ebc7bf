using Grpc.Core;

namespace Fabric.Gateway.Client;

/// <summary>The endorsed transaction was not accepted by the ordering service.</summary>
public sealed class SubmitException : TransactionException
{
    public SubmitException()
        : this("Submit to the orderer failed.")
    {
    }

    public SubmitException(string message)
        : base(message)
    {
    }

    public SubmitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public SubmitException(
        string message, string transactionId, StatusCode? statusCode, IReadOnlyList<EndpointError> details, Exception? innerException)
        : base(message, transactionId, statusCode, details, innerException)
    {
    }
}
