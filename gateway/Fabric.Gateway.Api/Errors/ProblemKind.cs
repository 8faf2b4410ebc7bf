namespace Fabric.Gateway.Api.Errors;

/// <summary>
/// Every error the API answers with. Each has one HTTP status and one stable <c>type</c> URI
/// (<c>https://fabric-dotnet.dev/problems/&lt;slug&gt;</c>) that clients may switch on.
/// </summary>
public enum ProblemKind
{
    /// <summary>400: a field, header or argument is missing or malformed; the field is named in <c>errors</c>.</summary>
    Validation,

    /// <summary>401: no credentials, or credentials that are not valid.</summary>
    Unauthorized,

    /// <summary>403: the caller, or the chaincode's access control, refuses the action.</summary>
    Forbidden,

    /// <summary>404: unknown asset, transaction or route.</summary>
    NotFound,

    /// <summary>409: the asset already exists or is in a state that does not allow the action.</summary>
    Conflict,

    /// <summary>409: the transaction kept losing MVCC read conflicts against concurrent updates.</summary>
    MvccConflict,

    /// <summary>409: a request with the same Idempotency-Key is still running.</summary>
    IdempotencyInProgress,

    /// <summary>413: the request body exceeds the configured limit.</summary>
    PayloadTooLarge,

    /// <summary>422: the same Idempotency-Key was used with a different request.</summary>
    IdempotencyKeyReused,

    /// <summary>422: a business rule of the chaincode refused the request; <c>detail</c> carries its message.</summary>
    BusinessRule,

    /// <summary>429: the caller exceeded its rate limit.</summary>
    RateLimited,

    /// <summary>500: a fault of the gateway itself.</summary>
    Internal,

    /// <summary>502: the chaincode failed (status 500 or a crash), not a refusal.</summary>
    ChaincodeFailure,

    /// <summary>502: the transaction was ordered but the peers marked it invalid (e.g. endorsement policy failure).</summary>
    TransactionInvalid,

    /// <summary>502: Fabric refused the request for another reason (see <c>endorsers</c>).</summary>
    FabricError,

    /// <summary>503: no peer (or orderer) of the organization could be reached.</summary>
    FabricUnavailable,

    /// <summary>504: Fabric did not answer in time; a submitted transaction may still commit (see <c>transactionId</c>).</summary>
    Timeout,
}
