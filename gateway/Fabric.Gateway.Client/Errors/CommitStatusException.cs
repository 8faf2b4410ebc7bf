using Grpc.Core;

namespace Fabric.Gateway.Client;

/// <summary>The commit status of a submitted transaction could not be obtained; the transaction may still commit.</summary>
public sealed class CommitStatusException : TransactionException
{
    public CommitStatusException()
        : this("Obtaining the commit status failed.")
    {
    }

    public CommitStatusException(string message)
        : base(message)
    {
    }

    public CommitStatusException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CommitStatusException(
        string message, string transactionId, StatusCode? statusCode, IReadOnlyList<EndpointError> details, Exception? innerException)
        : base(message, transactionId, statusCode, details, innerException)
    {
    }
}
