using Fabric.Chaincode;

namespace PharmaSettlement.Domain;

/// <summary>
/// The failures of this chaincode, with the status codes shared by the business chaincodes: 400 bad input (the
/// message names the field), 403 wrong role, 404 unknown object, 409 wrong state, 422 business rule refused (the
/// message names the rule). Messages never carry prices or other private terms.
/// </summary>
internal static class Refusals
{
    public const int RuleRefusedStatus = 422;

    public static ChaincodeException Invalid(string field, string why) => ChaincodeException.BadRequest($"{field}: {why}");

    public static ChaincodeException Forbidden(string message) => ChaincodeException.Forbidden(message);

    public static ChaincodeException NotFound(string what, string id) => ChaincodeException.NotFound($"{what} '{id}' does not exist.");

    public static ChaincodeException Conflict(string message) => ChaincodeException.Conflict(message);

    public static ChaincodeException Rule(string rule, string message) => new($"{rule}: {message}", RuleRefusedStatus);
}
