using Fabric.Chaincode;

namespace TradeFinance.Domain.Common;

/// <summary>
/// The failures of the trade finance rules, each with the status the chaincode design rules give it. Messages name
/// fields, states and rules, never private values (amounts, goods, addresses), because they reach the client and
/// the peer's log.
/// </summary>
internal static class TradeErrors
{
    /// <summary>400: an input field is missing or malformed; <paramref name="reason"/> completes "Field 'x' ..." (for example "is required.").</summary>
    public static ChaincodeException Invalid(string field, string reason) =>
        ChaincodeException.BadRequest($"Field '{field}' {reason}");

    /// <summary>400 listing every field that is missing or malformed, each with the reason.</summary>
    public static ChaincodeException Invalid(IReadOnlyList<(string Field, string Reason)> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? Invalid(problems[0].Field, problems[0].Reason)
            : ChaincodeException.BadRequest("Invalid fields: " + string.Join("; ", problems.Select(p => $"'{p.Field}' {p.Reason}")));
    }

    /// <summary>403: the caller's organization or attributes do not allow the action.</summary>
    public static ChaincodeException Forbidden(string reason) => ChaincodeException.Forbidden(reason);

    /// <summary>404: the referenced object does not exist.</summary>
    public static ChaincodeException NotFound(string what, string id) => ChaincodeException.NotFound($"{what} '{id}' does not exist.");

    /// <summary>409: the object is in a state that does not allow the action, or already exists.</summary>
    public static ChaincodeException Conflict(string reason) => ChaincodeException.Conflict(reason);

    /// <summary>422: a business rule refuses the action; <paramref name="rule"/> names it (for example "UCP 600 Art. 6(e)").</summary>
    public static ChaincodeException Rule(string rule, string reason) => new($"{rule}: {reason}", 422);
}
