namespace Fabric.Gateway.Api.Fabric;

/// <summary>
/// The seam between the business endpoints and Fabric: runs a <see cref="ChaincodeCall"/> as the identity the current
/// HTTP caller acts as. Implementations sign with that identity, journal submits durably (idempotency, crash
/// recovery) and throw <see cref="global::Fabric.Gateway.Client.GatewayException"/> subtypes, which the API maps to
/// ProblemDetails, so endpoints need no error handling of their own.
/// </summary>
public interface IChaincodeInvoker
{
    /// <summary>A query on one peer; nothing is ordered. Returns the chaincode's response payload.</summary>
    Task<ReadOnlyMemory<byte>> EvaluateAsync(ChaincodeCall transaction, CancellationToken cancellationToken);

    /// <summary>Endorse, order and wait for the commit; returns the outcome once the transaction is committed VALID.</summary>
    Task<SubmitOutcome> SubmitAsync(ChaincodeCall transaction, CancellationToken cancellationToken);
}

/// <summary>A committed transaction.</summary>
/// <param name="TransactionId">Fabric transaction ID.</param>
/// <param name="BlockNumber">Block the transaction was committed in.</param>
/// <param name="Payload">The chaincode's response payload (often the new or changed asset as JSON).</param>
public sealed record SubmitOutcome(string TransactionId, ulong BlockNumber, ReadOnlyMemory<byte> Payload);
