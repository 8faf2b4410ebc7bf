using Grpc.Core;

namespace Fabric.Gateway.Client;

/// <summary>A step of a transaction failed; <see cref="TransactionId"/> names the transaction.</summary>
public class TransactionException : GatewayException
{
    public TransactionException()
        : this("The transaction failed.")
    {
    }

    public TransactionException(string message)
        : this(message, string.Empty, null, [], null)
    {
    }

    public TransactionException(string message, Exception? innerException)
        : this(message, string.Empty, (innerException as RpcException)?.StatusCode, [], innerException)
    {
    }

    public TransactionException(
        string message, string transactionId, StatusCode? statusCode, IReadOnlyList<EndpointError> details, Exception? innerException)
        : base(message, statusCode, details, innerException)
    {
        TransactionId = transactionId;
    }

    /// <summary>The transaction's ID (lowercase hex).</summary>
    public string TransactionId { get; }
}
