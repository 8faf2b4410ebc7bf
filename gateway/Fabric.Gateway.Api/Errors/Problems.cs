using Microsoft.AspNetCore.Mvc;

namespace Fabric.Gateway.Api.Errors;

/// <summary>Builds the API's ProblemDetails: status, stable <c>type</c> and title per <see cref="ProblemKind"/>.</summary>
public static class Problems
{
    /// <summary>Prefix of every problem <c>type</c>.</summary>
    public const string TypeBase = "https://fabric-dotnet.dev/problems/";

    public static int StatusOf(ProblemKind kind) => kind switch
    {
        ProblemKind.Validation => StatusCodes.Status400BadRequest,
        ProblemKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Conflict or ProblemKind.MvccConflict or ProblemKind.IdempotencyInProgress => StatusCodes.Status409Conflict,
        ProblemKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ProblemKind.IdempotencyKeyReused or ProblemKind.BusinessRule => StatusCodes.Status422UnprocessableEntity,
        ProblemKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ProblemKind.ChaincodeFailure or ProblemKind.TransactionInvalid or ProblemKind.FabricError => StatusCodes.Status502BadGateway,
        ProblemKind.FabricUnavailable => StatusCodes.Status503ServiceUnavailable,
        ProblemKind.Timeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string TypeOf(ProblemKind kind) => TypeBase + kind switch
    {
        ProblemKind.Validation => "validation",
        ProblemKind.Unauthorized => "unauthorized",
        ProblemKind.Forbidden => "forbidden",
        ProblemKind.NotFound => "not-found",
        ProblemKind.Conflict => "conflict",
        ProblemKind.MvccConflict => "mvcc-conflict",
        ProblemKind.IdempotencyInProgress => "idempotency-in-progress",
        ProblemKind.PayloadTooLarge => "payload-too-large",
        ProblemKind.IdempotencyKeyReused => "idempotency-key-reused",
        ProblemKind.BusinessRule => "business-rule",
        ProblemKind.RateLimited => "rate-limited",
        ProblemKind.ChaincodeFailure => "chaincode-failure",
        ProblemKind.TransactionInvalid => "transaction-invalid",
        ProblemKind.FabricError => "fabric-error",
        ProblemKind.FabricUnavailable => "fabric-unavailable",
        ProblemKind.Timeout => "timeout",
        _ => "internal",
    };

    public static string TitleOf(ProblemKind kind) => kind switch
    {
        ProblemKind.Validation => "The request is not valid.",
        ProblemKind.Unauthorized => "Authentication is required.",
        ProblemKind.Forbidden => "The action is not allowed.",
        ProblemKind.NotFound => "Not found.",
        ProblemKind.Conflict => "The request conflicts with the current state.",
        ProblemKind.MvccConflict => "The transaction conflicted with concurrent updates.",
        ProblemKind.IdempotencyInProgress => "A request with this Idempotency-Key is still being processed.",
        ProblemKind.PayloadTooLarge => "The request body is too large.",
        ProblemKind.IdempotencyKeyReused => "The Idempotency-Key was used with a different request.",
        ProblemKind.BusinessRule => "A business rule refused the request.",
        ProblemKind.RateLimited => "Too many requests.",
        ProblemKind.ChaincodeFailure => "The chaincode failed.",
        ProblemKind.TransactionInvalid => "The transaction was committed as invalid.",
        ProblemKind.FabricError => "Fabric refused the request.",
        ProblemKind.FabricUnavailable => "Fabric is unavailable.",
        ProblemKind.Timeout => "Fabric did not answer in time.",
        _ => "An unexpected error occurred.",
    };

    /// <summary>The ProblemDetails of <paramref name="kind"/> with <paramref name="detail"/>.</summary>
    public static ProblemDetails Create(ProblemKind kind, string? detail) => new()
    {
        Status = StatusOf(kind),
        Type = TypeOf(kind),
        Title = TitleOf(kind),
        Detail = detail,
    };

    /// <summary>A 400 naming the offending field in <c>errors</c>, as ASP.NET Core's validation problems do.</summary>
    public static ProblemDetails CreateValidation(string field, string message)
    {
        var problem = Create(ProblemKind.Validation, message);
        problem.Extensions["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] };
        return problem;
    }

    /// <summary>An <see cref="IResult"/> writing the problem.</summary>
    public static IResult Result(ProblemKind kind, string? detail) => TypedResults.Problem(Create(kind, detail));

    /// <summary>An <see cref="IResult"/> writing a 400 naming the field.</summary>
    public static IResult Validation(string field, string message) => TypedResults.Problem(CreateValidation(field, message));
}
