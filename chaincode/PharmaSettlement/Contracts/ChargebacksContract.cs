using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>
/// Sales under contract and chargeback claims. Each claim line is validated when it is submitted (EDI 849-style
/// reason codes); accepted lines are credits the manufacturer owes the wholesaler. Amounts stay private.
/// </summary>
[Contract(Name = "Chargebacks", Title = "Sales, chargebacks and disputes")]
internal sealed class ChargebacksContract : PharmaContract
{
    /// <summary>Records a sale to a customer under a contract. Transient key <c>sale</c>.</summary>
    [Transaction]
    public async Task<SaleSummary> RecordSaleAsync(ChaincodeContext context, [Transient] SaleProposal sale)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Sales, OrganizationRole.Wholesaler).ConfigureAwait(false);
        if (sale is null)
        {
            throw Refusals.Invalid("sale", "is required.");
        }

        var record = sale.ToRecord(caller.MspId, ledger.Today);
        var salt = SaltedHash.ParseSalt(sale.Salt, "sale.salt");
        var key = Keys.Sale(record.SaleId);
        if (await ledger.ExistsAsync(key).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Sale '{record.SaleId}' already exists.");
        }

        var hash = await PrivateRecords.PutAsync(ledger, caller.Configuration.PricingCollection, key, record, salt).ConfigureAwait(false);
        var summary = new SaleSummary(record.SaleId, caller.MspId, record.ContractId, record.SaleDate, hash, ledger.Now);
        await ledger.PutAsync(key, summary).ConfigureAwait(false);
        ledger.Emit(EventNames.SaleRecorded, summary);
        return summary;
    }

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<SaleSummary> GetSaleAsync(ChaincodeContext context, string saleId)
    {
        await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        saleId = Identifiers.Validate(saleId, "saleId");
        return await Ledger.RequireAsync<SaleSummary>(Keys.Sale(saleId), "Sale", saleId).ConfigureAwait(false);
    }

    /// <summary>
    /// Submits a chargeback claim to a manufacturer. Transient key <c>claim</c>. Every line is accepted or rejected
    /// with a reason code in the same transaction; the result and the event carry the decisions, never amounts.
    /// </summary>
    [Transaction]
    public async Task<ChargebackClaim> SubmitClaimAsync(ChaincodeContext context, [Transient] ClaimProposal claim)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Chargebacks, OrganizationRole.Wholesaler).ConfigureAwait(false);
        if (claim is null)
        {
            throw Refusals.Invalid("claim", "is required.");
        }

        var claimId = Identifiers.Validate(claim.ClaimId, "claim.claimId");
        var manufacturer = Identifiers.Validate(claim.Manufacturer, "claim.manufacturer");
        var salt = SaltedHash.ParseSalt(claim.Salt, "claim.salt");
        if (!caller.Configuration.Plays(manufacturer, OrganizationRole.Manufacturer))
        {
            throw Refusals.Invalid("claim.manufacturer", $"{manufacturer} is not a manufacturer in the chaincode configuration.");
        }

        if (await ledger.ExistsAsync(Keys.Claim(claimId)).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Claim '{claimId}' already exists.");
        }

        var evidence = await ChargebackEvidenceLoader.LoadAsync(ledger, caller, manufacturer, claim).ConfigureAwait(false);
        var decision = ChargebackValidator.Decide(claim, caller.MspId, evidence, ledger.Now);
        var key = Keys.Claim(claimId);
        var hash = await PrivateRecords.PutAsync(ledger, caller.Configuration.PricingCollection, key, decision.Amounts, salt).ConfigureAwait(false);
        var decided = decision.Claim with { AmountsHash = hash };
        await ledger.PutAsync(key, decided).ConfigureAwait(false);
        await ledger.PutMarkerAsync(Keys.ClaimByPair(manufacturer, caller.MspId, claimId)).ConfigureAwait(false);
        foreach (var line in decision.Accepted)
        {
            await ledger.PutAsync(Keys.ClaimedSale(line.SaleId, line.Gtin), new ClaimLineRef(claimId, line.LineNumber)).ConfigureAwait(false);
        }

        foreach (var (gtin, quantity) in decision.Accepted.GroupBy(l => l.Gtin).Select(g => (g.Key, g.Sum(l => (long)l.Quantity))))
        {
            var counter = Keys.ClaimedQuantity(caller.MspId, manufacturer, gtin);
            await ledger.PutCounterAsync(counter, evidence.ClaimedByGtin.GetValueOrDefault(gtin) + quantity).ConfigureAwait(false);
        }

        var acceptedCount = decision.Accepted.Count();
        PharmaLog.ClaimDecided(context.Logger, claimId, acceptedCount, decided.Lines.Count - acceptedCount);
        ledger.Emit(EventNames.ChargebackDecided, new
        {
            claimId,
            manufacturer,
            wholesaler = caller.MspId,
            lines = decided.Lines.Select(l => new { l.LineNumber, l.SaleId, l.Gtin, l.Status, l.Reason }),
            amountsHash = hash,
        });
        return decided;
    }

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<ChargebackClaim> GetClaimAsync(ChaincodeContext context, string claimId)
    {
        await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        return await RequireClaimAsync(Ledger, claimId).ConfigureAwait(false);
    }

    /// <summary>The private amounts of a claim with their salt, for the claim's two parties.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<SaltedRecord<ClaimAmounts>> GetClaimAmountsAsync(ChaincodeContext context, string claimId)
    {
        var caller = await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        var claim = await RequireClaimAsync(Ledger, claimId).ConfigureAwait(false);
        Access.RequireParty(caller, "claim", claim.Manufacturer, claim.Wholesaler);
        return await Ledger.GetPrivateAsync<SaltedRecord<ClaimAmounts>>(caller.Configuration.PricingCollection, Keys.Claim(claim.ClaimId)).ConfigureAwait(false)
            ?? throw Refusals.NotFound("Private amounts of claim", claim.ClaimId);
    }

    /// <summary>The claim's manufacturer disputes an accepted line that is not in a settlement yet.</summary>
    [Transaction]
    public async Task<ClaimLine> DisputeLineAsync(ChaincodeContext context, string claimId, int lineNumber, DisputeReason reason)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Chargebacks, OrganizationRole.Manufacturer).ConfigureAwait(false);
        var claim = await RequireClaimAsync(ledger, claimId).ConfigureAwait(false);
        if (claim.Manufacturer != caller.MspId)
        {
            throw Refusals.Forbidden($"Only the manufacturer of claim '{claim.ClaimId}' can dispute its lines.");
        }

        var line = Disputes.Open(claim, lineNumber, reason, ledger.Now);
        await ledger.PutAsync(Keys.Claim(claim.ClaimId), claim.WithLine(line)).ConfigureAwait(false);
        ledger.Emit(EventNames.ChargebackDisputed, new { claim.ClaimId, line.LineNumber, line.Status, line.DisputeReason });
        return line;
    }

    /// <summary>
    /// Ends a dispute by a concession: the manufacturer upholds the line (accepted again) or the wholesaler withdraws
    /// it (rejected; that product of that sale may be claimed again).
    /// </summary>
    [Transaction]
    public async Task<ClaimLine> ResolveDisputeAsync(ChaincodeContext context, string claimId, int lineNumber, DisputeOutcome outcome)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(
            context, ledger, StaffRole.Chargebacks, OrganizationRole.Manufacturer, OrganizationRole.Wholesaler).ConfigureAwait(false);
        var claim = await RequireClaimAsync(ledger, claimId).ConfigureAwait(false);
        Access.RequireParty(caller, "claim", claim.Manufacturer, claim.Wholesaler);
        var line = Disputes.Resolve(claim, lineNumber, outcome, caller.MspId == claim.Manufacturer, ledger.Now);
        await ledger.PutAsync(Keys.Claim(claim.ClaimId), claim.WithLine(line)).ConfigureAwait(false);
        if (line.Status == ClaimLineStatus.Rejected)
        {
            await ledger.DeleteAsync(Keys.ClaimedSale(line.SaleId, line.Gtin)).ConfigureAwait(false);
            var counter = Keys.ClaimedQuantity(claim.Wholesaler, claim.Manufacturer, line.Gtin);
            var claimed = await ledger.GetCounterAsync(counter).ConfigureAwait(false);
            await ledger.PutCounterAsync(counter, Math.Max(0, claimed - line.Quantity)).ConfigureAwait(false);
        }

        ledger.Emit(EventNames.DisputeResolved, new { claim.ClaimId, line.LineNumber, outcome, line.Status, line.Reason, resolvedBy = caller.MspId });
        return line;
    }

    internal static Task<ChargebackClaim> RequireClaimAsync(Ledger ledger, string claimId)
    {
        claimId = Identifiers.Validate(claimId, "claimId");
        return ledger.RequireAsync<ChargebackClaim>(Keys.Claim(claimId), "Claim", claimId);
    }
}
