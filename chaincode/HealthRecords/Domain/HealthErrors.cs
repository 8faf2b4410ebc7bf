using Fabric.Chaincode;

namespace HealthRecords.Domain;

/// <summary>
/// The refusals of this chaincode, each with the status the brief of all our chaincodes assigns to it, so the
/// REST gateway can map them to HTTP without reading messages. Messages name fields, rules and IDs only: never
/// record content, amendment texts or reasons.
/// </summary>
internal static class HealthErrors
{
    /// <summary>422: a business rule refused the request.</summary>
    public const int RuleRefusedStatus = 422;

    /// <summary>400: <paramref name="field"/> is missing or malformed.</summary>
    public static ChaincodeException Invalid(string field, string why) =>
        ChaincodeException.BadRequest($"Field '{field}' {why}.");

    /// <summary>403: the caller's organization or attributes do not allow the action.</summary>
    public static ChaincodeException Forbidden(string message) => ChaincodeException.Forbidden(message);

    /// <summary>404: the named object does not exist.</summary>
    public static ChaincodeException NotFound(string kind, string id) =>
        ChaincodeException.NotFound($"{kind} '{id}' does not exist.");

    /// <summary>409: the object exists already or is in a state that forbids the action.</summary>
    public static ChaincodeException Conflict(string message) => ChaincodeException.Conflict(message);

    /// <summary>422: business rule <paramref name="rule"/> refused the request.</summary>
    public static ChaincodeException RuleRefused(string rule, string message) =>
        new($"Rule '{rule}' refused the request: {message}", RuleRefusedStatus);
}
