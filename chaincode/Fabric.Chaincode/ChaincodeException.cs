namespace Fabric.Chaincode;

/// <summary>
/// Thrown by chaincode to fail a transaction with a chosen status and a message for the client. The shim answers
/// the peer with a <see cref="ChaincodeResponse"/> carrying that status (default 500), not with a protocol error,
/// so the client sees exactly <see cref="Exception.Message"/>. Never put private data in the message: it is
/// returned to the client and written to the peer's log.
/// </summary>
public sealed class ChaincodeException : Exception
{
    public ChaincodeException()
        : this("The transaction failed.")
    {
    }

    public ChaincodeException(string message)
        : this(message, ChaincodeResponse.Error)
    {
    }

    public ChaincodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = ChaincodeResponse.Error;
    }

    /// <param name="status">Response status; must be 400 or higher (a failure).</param>
    public ChaincodeException(string message, int status, ReadOnlyMemory<byte> payload = default)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, ChaincodeResponse.ErrorThreshold);
        Status = status;
        Payload = payload;
    }

    /// <summary>Status of the failed response (400 or higher).</summary>
    public int Status { get; }

    /// <summary>Optional payload of the failed response.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>400: the caller sent arguments the transaction cannot accept.</summary>
    public static ChaincodeException BadRequest(string message) => new(message, 400);

    /// <summary>403: the caller's identity may not perform this transaction.</summary>
    public static ChaincodeException Forbidden(string message) => new(message, 403);

    /// <summary>404: the object the transaction refers to does not exist.</summary>
    public static ChaincodeException NotFound(string message) => new(message, 404);

    /// <summary>409: the transaction conflicts with the current state (for example the object already exists).</summary>
    public static ChaincodeException Conflict(string message) => new(message, 409);
}
