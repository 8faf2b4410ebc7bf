namespace TradeFinance.Domain.Common;

/// <summary>
/// Someone who can hold a bill of lading or be named in a credit: an organization (MSP ID) itself, or a company
/// that is a client of that organization (its certificates carry <c>company=&lt;id&gt;</c>).
/// </summary>
/// <param name="MspId">The organization, for example <c>AdvisingBankMSP</c>.</param>
/// <param name="CompanyId">The company acting under the organization, or null for the organization itself.</param>
public sealed record Party(string MspId, string? CompanyId = null)
{
    /// <summary>A readable form for messages and logs: <c>MSP</c> or <c>MSP/company</c> (IDs only, never names).</summary>
    public override string ToString() => CompanyId is null ? MspId : $"{MspId}/{CompanyId}";

    /// <summary>Checks the shape of a party given as input.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">400 naming <paramref name="field"/>.</exception>
    public static void Validate(Party? party, string field)
    {
        if (party is null)
        {
            throw TradeErrors.Invalid(field, "is required.");
        }

        Identifiers.Require(party.MspId, $"{field}.mspId");
        if (party.CompanyId is not null)
        {
            Identifiers.Require(party.CompanyId, $"{field}.companyId");
        }
    }
}
