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
/// For a submit, the MSP IDs whose peers must endorse, when the Gateway cannot infer them (key-level policies,
/// collection endorsement policies, writes to another organization's implicit collection, chaincode checks of the
/// endorsing peer); for an evaluate, the organizations whose peer must run it (data in an organization's implicit
/// collection). Null or empty lets the Gateway choose. <see cref="CallerOrganization"/> stands for the caller's own
/// organization.
/// </param>
public sealed record ChaincodeCall(
    string BusinessNetwork,
    string TransactionName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, byte[]>? Transient = null,
    IReadOnlyList<string>? EndorsingOrganizations = null)
{
    /// <summary>
    /// In <see cref="EndorsingOrganizations"/>: the MSP ID of the identity the caller acts as, known only to the
    /// invoker. Not a valid MSP ID itself ('@' never appears in one the networks use).
    /// </summary>
    public const string CallerOrganization = "@caller";
}
