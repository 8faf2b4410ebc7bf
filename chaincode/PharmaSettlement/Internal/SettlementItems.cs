using PharmaSettlement.Domain;

namespace PharmaSettlement.Internal;

/// <summary>The open items between a manufacturer and a wholesaler, and how a settlement changes their status.</summary>
internal static class SettlementItems
{
    /// <summary>Open invoices of the pair issued in the period, in the currency.</summary>
    public static async Task<List<Invoice>> OpenInvoicesAsync(Ledger ledger, string manufacturer, string wholesaler, string currency, DateOnly start, DateOnly end)
    {
        var invoices = new List<Invoice>();
        await foreach (var attributes in ledger.ScanKeysAsync(Keys.InvoiceByPairType, manufacturer, wholesaler).ConfigureAwait(false))
        {
            var invoice = await ledger.GetAsync<Invoice>(Keys.Invoice(attributes[2])).ConfigureAwait(false);
            if (invoice is { Status: ItemStatus.Open } && invoice.Currency == currency && SettlementRules.InPeriod(invoice.IssuedAt, start, end))
            {
                invoices.Add(invoice);
            }
        }

        return invoices;
    }

    /// <summary>Claims of the pair submitted in the period, in the currency, that have accepted lines.</summary>
    public static async Task<List<ChargebackClaim>> ClaimsWithAcceptedLinesAsync(
        Ledger ledger, string manufacturer, string wholesaler, string currency, DateOnly start, DateOnly end)
    {
        var claims = new List<ChargebackClaim>();
        await foreach (var attributes in ledger.ScanKeysAsync(Keys.ClaimByPairType, manufacturer, wholesaler).ConfigureAwait(false))
        {
            var claim = await ledger.GetAsync<ChargebackClaim>(Keys.Claim(attributes[2])).ConfigureAwait(false);
            if (claim is not null && claim.Currency == currency && SettlementRules.InPeriod(claim.SubmittedAt, start, end)
                && claim.Lines.Any(l => l.Status == ClaimLineStatus.Accepted))
            {
                claims.Add(claim);
            }
        }

        return claims;
    }

    /// <summary>Sets the status (and settlement) of every item of <paramref name="settlement"/>.</summary>
    public static async Task UpdateAsync(Ledger ledger, Settlement settlement, ItemStatus invoiceStatus, ClaimLineStatus lineStatus, string? settlementId)
    {
        foreach (var invoiceId in settlement.InvoiceIds)
        {
            var invoice = await ledger.RequireAsync<Invoice>(Keys.Invoice(invoiceId), "Invoice", invoiceId).ConfigureAwait(false);
            await ledger.PutAsync(Keys.Invoice(invoiceId), invoice with { Status = invoiceStatus, SettlementId = settlementId }).ConfigureAwait(false);
        }

        foreach (var group in settlement.ChargebackLines.GroupBy(l => l.ClaimId, StringComparer.Ordinal))
        {
            var claim = await ledger.RequireAsync<ChargebackClaim>(Keys.Claim(group.Key), "Claim", group.Key).ConfigureAwait(false);
            var numbers = group.Select(l => l.LineNumber).ToHashSet();
            var lines = claim.Lines
                .Select(l => numbers.Contains(l.LineNumber) ? l with { Status = lineStatus, SettlementId = settlementId, UpdatedAt = ledger.Now } : l)
                .ToArray();
            await ledger.PutAsync(Keys.Claim(group.Key), claim with { Lines = lines }).ConfigureAwait(false);
        }
    }
}
