using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>
/// Netted settlement per counterparty, period and currency: open invoices (wholesaler owes) against accepted
/// chargeback lines (manufacturer owes). Both parties approve; the payee confirms payment, which closes every item.
/// </summary>
[Contract(Name = "Settlements", Title = "Netted settlement")]
internal sealed class SettlementsContract : PharmaContract
{
    /// <summary>
    /// Proposes a statement between the caller's organization and <paramref name="counterparty"/> (one manufacturer,
    /// one wholesaler) over every open item of the period (inclusive dates) in the currency. Transient key
    /// <c>salt</c> salts the private totals.
    /// </summary>
    [Transaction]
    public async Task<Settlement> ProposeAsync(
        ChaincodeContext context, string settlementId, string counterparty, DateOnly periodStart, DateOnly periodEnd, string currency, [Transient] string salt)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Finance, OrganizationRole.Manufacturer, OrganizationRole.Wholesaler).ConfigureAwait(false);
        settlementId = Identifiers.Validate(settlementId, "settlementId");
        counterparty = Identifiers.Validate(counterparty, "counterparty");
        currency = Money.ValidateCurrency(currency);
        SettlementRules.ValidatePeriod(periodStart, periodEnd);
        var clientSalt = SaltedHash.ParseSalt(salt);
        var (manufacturer, wholesaler) = Pair(caller, counterparty);
        var key = Keys.Settlement(settlementId);
        if (await ledger.ExistsAsync(key).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Settlement '{settlementId}' already exists.");
        }

        var collection = caller.Configuration.PricingCollection;
        var invoices = await SettlementItems.OpenInvoicesAsync(ledger, manufacturer, wholesaler, currency, periodStart, periodEnd).ConfigureAwait(false);
        var claims = await SettlementItems.ClaimsWithAcceptedLinesAsync(ledger, manufacturer, wholesaler, currency, periodStart, periodEnd).ConfigureAwait(false);
        if (invoices.Count == 0 && claims.Count == 0)
        {
            throw Refusals.Rule("nothing to settle", $"there are no open invoices or accepted chargeback lines in {currency} in the period.");
        }

        var invoiceTotals = new List<long>();
        foreach (var invoice in invoices)
        {
            var amounts = await PrivateRecords.GetAsync<InvoiceAmounts>(ledger, collection, Keys.Invoice(invoice.InvoiceId)).ConfigureAwait(false)
                ?? throw Refusals.NotFound("Private amounts of invoice", invoice.InvoiceId);
            invoiceTotals.Add(amounts.Total);
        }

        var credits = new List<long>();
        var lines = new List<ClaimLineRef>();
        foreach (var claim in claims)
        {
            var amounts = await PrivateRecords.GetAsync<ClaimAmounts>(ledger, collection, Keys.Claim(claim.ClaimId)).ConfigureAwait(false)
                ?? throw Refusals.NotFound("Private amounts of claim", claim.ClaimId);
            foreach (var line in claim.Lines.Where(l => l.Status == ClaimLineStatus.Accepted))
            {
                credits.Add(amounts.AmountOf(line.LineNumber));
                lines.Add(new ClaimLineRef(claim.ClaimId, line.LineNumber));
            }
        }

        var totals = SettlementRules.Net(settlementId, currency, manufacturer, wholesaler, invoiceTotals, credits);
        var hash = await PrivateRecords.PutAsync(ledger, collection, key, totals, clientSalt).ConfigureAwait(false);
        var settlement = new Settlement(
            settlementId, manufacturer, wholesaler, currency, periodStart, periodEnd, invoices.Select(i => i.InvoiceId).ToArray(), lines,
            SettlementStatus.Proposed, caller.MspId, ledger.Now, null, null, null, hash);
        await ledger.PutAsync(key, settlement).ConfigureAwait(false);
        await SettlementItems.UpdateAsync(ledger, settlement, ItemStatus.InSettlement, ClaimLineStatus.InSettlement, settlementId).ConfigureAwait(false);
        PharmaLog.SettlementChanged(context.Logger, settlementId, "proposed");
        ledger.Emit(EventNames.SettlementProposed, new
        {
            settlementId,
            manufacturer,
            wholesaler,
            currency,
            periodStart,
            periodEnd,
            invoiceCount = settlement.InvoiceIds.Count,
            chargebackLineCount = lines.Count,
            totalsHash = hash,
        });
        return settlement;
    }

    /// <summary>Approves a proposed statement on behalf of the caller's organization; approved once both did.</summary>
    [Transaction]
    public async Task<Settlement> ApproveAsync(ChaincodeContext context, string settlementId)
    {
        var (caller, settlement) = await LoadForFinanceAsync(context, settlementId).ConfigureAwait(false);
        var approved = SettlementRules.Approve(settlement, caller.MspId, Ledger.Now);
        await Ledger.PutAsync(Keys.Settlement(settlement.SettlementId), approved).ConfigureAwait(false);
        PharmaLog.SettlementChanged(context.Logger, settlement.SettlementId, approved.Status == SettlementStatus.Approved ? "approved" : "proposed");
        Ledger.Emit(EventNames.SettlementApproved, new { approved.SettlementId, approvedBy = caller.MspId, approved.Status });
        return approved;
    }

    /// <summary>Refuses a proposed statement; its invoices and chargeback lines are open again.</summary>
    [Transaction]
    public async Task<Settlement> RejectAsync(ChaincodeContext context, string settlementId)
    {
        var (caller, settlement) = await LoadForFinanceAsync(context, settlementId).ConfigureAwait(false);
        var rejected = SettlementRules.Reject(settlement, caller.MspId);
        await Ledger.PutAsync(Keys.Settlement(settlement.SettlementId), rejected).ConfigureAwait(false);
        await SettlementItems.UpdateAsync(Ledger, rejected, ItemStatus.Open, ClaimLineStatus.Accepted, null).ConfigureAwait(false);
        PharmaLog.SettlementChanged(context.Logger, settlement.SettlementId, "rejected");
        Ledger.Emit(EventNames.SettlementRejected, new { rejected.SettlementId, rejectedBy = caller.MspId, rejected.Status });
        return rejected;
    }

    /// <summary>The payee confirms payment of an approved statement (either party when nothing is owed); every item is closed.</summary>
    [Transaction]
    public async Task<Settlement> MarkPaidAsync(ChaincodeContext context, string settlementId)
    {
        var (caller, settlement) = await LoadForFinanceAsync(context, settlementId).ConfigureAwait(false);
        var totals = await PrivateRecords.GetAsync<SettlementTotals>(Ledger, caller.Configuration.PricingCollection, Keys.Settlement(settlement.SettlementId))
            .ConfigureAwait(false) ?? throw Refusals.NotFound("Private totals of settlement", settlement.SettlementId);
        var paid = SettlementRules.MarkPaid(settlement, totals, caller.MspId, Ledger.Now);
        await Ledger.PutAsync(Keys.Settlement(settlement.SettlementId), paid).ConfigureAwait(false);
        await SettlementItems.UpdateAsync(Ledger, paid, ItemStatus.Paid, ClaimLineStatus.Paid, paid.SettlementId).ConfigureAwait(false);
        PharmaLog.SettlementChanged(context.Logger, settlement.SettlementId, "paid");
        Ledger.Emit(EventNames.SettlementPaid, new
        {
            paid.SettlementId,
            paid.Manufacturer,
            paid.Wholesaler,
            paid.Status,
            paid.PaidAt,
            invoiceCount = paid.InvoiceIds.Count,
            chargebackLineCount = paid.ChargebackLines.Count,
        });
        return paid;
    }

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<Settlement> GetAsync(ChaincodeContext context, string settlementId)
    {
        await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        return await RequireSettlementAsync(settlementId).ConfigureAwait(false);
    }

    /// <summary>The private totals (net amount, payer, payee) with their salt, for the two parties.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<SaltedRecord<SettlementTotals>> GetTotalsAsync(ChaincodeContext context, string settlementId)
    {
        var caller = await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        var settlement = await RequireSettlementAsync(settlementId).ConfigureAwait(false);
        Access.RequireParty(caller, "settlement", settlement.Manufacturer, settlement.Wholesaler);
        return await Ledger.GetPrivateAsync<SaltedRecord<SettlementTotals>>(caller.Configuration.PricingCollection, Keys.Settlement(settlement.SettlementId))
            .ConfigureAwait(false) ?? throw Refusals.NotFound("Private totals of settlement", settlement.SettlementId);
    }

    private async Task<(Caller Caller, Settlement Settlement)> LoadForFinanceAsync(ChaincodeContext context, string settlementId)
    {
        var caller = await Access.RequireAsync(context, Ledger, StaffRole.Finance, OrganizationRole.Manufacturer, OrganizationRole.Wholesaler).ConfigureAwait(false);
        return (caller, await RequireSettlementAsync(settlementId).ConfigureAwait(false));
    }

    private Task<Settlement> RequireSettlementAsync(string settlementId)
    {
        settlementId = Identifiers.Validate(settlementId, "settlementId");
        return Ledger.RequireAsync<Settlement>(Keys.Settlement(settlementId), "Settlement", settlementId);
    }

    /// <summary>(manufacturer, wholesaler) of a statement between the caller and the counterparty.</summary>
    private static (string Manufacturer, string Wholesaler) Pair(Caller caller, string counterparty)
    {
        var configuration = caller.Configuration;
        if (caller.Plays(OrganizationRole.Manufacturer) && configuration.Plays(counterparty, OrganizationRole.Wholesaler))
        {
            return (caller.MspId, counterparty);
        }

        if (caller.Plays(OrganizationRole.Wholesaler) && configuration.Plays(counterparty, OrganizationRole.Manufacturer))
        {
            return (counterparty, caller.MspId);
        }

        throw Refusals.Invalid("counterparty", "a settlement is between one manufacturer and one wholesaler; the counterparty must play the other role.");
    }
}
