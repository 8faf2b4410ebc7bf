namespace Fabric.Gateway.Api.Fabric;

/// <summary>A <see cref="ChaincodeCall"/> names a business network that is not configured (answered 404).</summary>
public sealed class UnknownBusinessNetworkException : Exception
{
    public UnknownBusinessNetworkException()
        : this("The business network is not configured on this gateway.")
    {
    }

    public UnknownBusinessNetworkException(string message)
        : base(message)
    {
    }

    public UnknownBusinessNetworkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The transaction is journaled and was (or will be) sent, but its commit could not be confirmed in time (answered 504
/// with the transaction ID). The gateway keeps following it; the caller polls <c>/api/transactions/{id}</c>.
/// </summary>
public sealed class TransactionNotCommittedException : Exception
{
    public TransactionNotCommittedException()
        : this("The transaction's commit could not be confirmed.")
    {
    }

    public TransactionNotCommittedException(string message)
        : this(message, string.Empty, null)
    {
    }

    public TransactionNotCommittedException(string message, Exception? innerException)
        : this(message, string.Empty, innerException)
    {
    }

    public TransactionNotCommittedException(string message, string transactionId, Exception? innerException)
        : base(message, innerException)
    {
        TransactionId = transactionId;
    }

    public string TransactionId { get; }
}

/// <summary>
/// Raised instead of returning when the caller asked for asynchronous processing (<c>Prefer: respond-async</c>): the
/// signed transaction is journaled and handed to the background worker. Answered 202 with its Location.
/// </summary>
internal sealed class TransactionAcceptedException(string transactionId)
    : Exception($"Transaction {transactionId} was accepted for asynchronous processing.")
{
    public string TransactionId { get; } = transactionId;
}
