namespace Fabric.Gateway.Api.Fabric;

/// <summary>
/// One chaincode transaction an endpoint wants run on behalf of the caller. Private fields travel in
/// <see cref="Transient"/> (never in <see cref="Arguments"/>, which end up in blocks).
/// </summary>
/// <param name="BusinessNetwork">Which business network: <c>trade</c>, <c>pharma</c> or <c>health</c> (configuration maps it to a channel and a chaincode).</param>
/// <param name="TransactionName">The fully qualified transaction name, e.g. <c>LetterOfCredit:Issue</c>.</param>
/// <param name="Arguments">String arguments, in the transaction's order.</param>
/// <param name="Transient">Transient data (private fields), or empty.</param>
/// <param name="EndorsingOrganizations">
/// MSP IDs whose peers must endorse a submit, when the request itself says which (e.g. a contract's customer, whose
/// implicit collection is written), added to the business network's configured plan for the transaction
/// (Fabric:Networks:&lt;name&gt;:EndorsingOrganizations); with neither, the Gateway plans endorsement.
/// </param>
public sealed record ChaincodeCall(
    string BusinessNetwork,
    string TransactionName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, byte[]>? Transient = null,
    IReadOnlyList<string>? EndorsingOrganizations = null);
