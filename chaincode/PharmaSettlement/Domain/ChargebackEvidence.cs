namespace PharmaSettlement.Domain;

/// <summary>
/// Everything the ledger knows that a claim is checked against, loaded by the contract before validation so that
/// the rules themselves stay pure.
/// </summary>
/// <param name="Sales">Recorded sales by sale ID (only those named by the claim need be present).</param>
/// <param name="Contracts">Contract terms by contract ID (only those of this manufacturer and wholesaler).</param>
/// <param name="WacOnSaleDate">The WAC in effect on the sale date, by sale ID and GTIN.</param>
/// <param name="AlreadyClaimed">(sale ID, GTIN) pairs already claimed in lines that stand.</param>
/// <param name="ReceivedByGtin">Units of each GTIN the wholesaler received from the manufacturer.</param>
/// <param name="ClaimedByGtin">Units of each GTIN already claimed in lines that stand.</param>
internal sealed record ChargebackEvidence(
    IReadOnlyDictionary<string, SaleRecord> Sales,
    IReadOnlyDictionary<string, PriceContractTerms> Contracts,
    IReadOnlyDictionary<(string SaleId, string Gtin), WacPrice> WacOnSaleDate,
    IReadOnlySet<(string SaleId, string Gtin)> AlreadyClaimed,
    IReadOnlyDictionary<string, long> ReceivedByGtin,
    IReadOnlyDictionary<string, long> ClaimedByGtin);

/// <summary>The result of validating a claim: public line decisions and private amounts.</summary>
internal sealed record ClaimDecision(ChargebackClaim Claim, ClaimAmounts Amounts)
{
    public IEnumerable<ClaimLine> Accepted => Claim.Lines.Where(l => l.Status == ClaimLineStatus.Accepted);

    public IEnumerable<ClaimLine> Rejected => Claim.Lines.Where(l => l.Status == ClaimLineStatus.Rejected);
}
