using PharmaSettlement.Domain;

namespace PharmaSettlement.Internal;

/// <summary>Reads from the ledger everything a claim's lines are validated against.</summary>
internal static class ChargebackEvidenceLoader
{
    public static async Task<ChargebackEvidence> LoadAsync(Ledger ledger, Caller wholesaler, string manufacturer, ClaimProposal claim)
    {
        var collection = wholesaler.Configuration.PricingCollection;
        var sales = new Dictionary<string, SaleRecord>(StringComparer.Ordinal);
        var contracts = new Dictionary<string, PriceContractTerms>(StringComparer.Ordinal);
        var wac = new Dictionary<(string, string), WacPrice>();
        var alreadyClaimed = new HashSet<(string, string)>();
        var received = new Dictionary<string, long>(StringComparer.Ordinal);
        var claimed = new Dictionary<string, long>(StringComparer.Ordinal);

        // Malformed lines are reported by the validator; only well-formed references are looked up here.
        foreach (var line in claim.Lines ?? [])
        {
            if (line is null || !IsWellFormed(line, out var gtin))
            {
                continue;
            }

            if (!sales.ContainsKey(line.SaleId)
                && await PrivateRecords.GetAsync<SaleRecord>(ledger, collection, Keys.Sale(line.SaleId)).ConfigureAwait(false) is { } sale)
            {
                sales[line.SaleId] = sale;
                if (!contracts.ContainsKey(sale.ContractId)
                    && await PrivateRecords.GetAsync<PriceContractTerms>(ledger, collection, Keys.Contract(sale.ContractId)).ConfigureAwait(false) is { } terms)
                {
                    contracts[sale.ContractId] = terms;
                }
            }

            if (sales.TryGetValue(line.SaleId, out var recorded)
                && !wac.ContainsKey((line.SaleId, gtin))
                && await PrivateRecords.WacOnAsync(ledger, collection, gtin, recorded.SaleDate).ConfigureAwait(false) is { } price)
            {
                wac[(line.SaleId, gtin)] = price;
            }

            if (await ledger.ExistsAsync(Keys.ClaimedSale(line.SaleId, gtin)).ConfigureAwait(false))
            {
                alreadyClaimed.Add((line.SaleId, gtin));
            }

            if (!received.ContainsKey(gtin))
            {
                received[gtin] = await ledger.GetCounterAsync(Keys.ReceivedQuantity(wholesaler.MspId, manufacturer, gtin)).ConfigureAwait(false);
                claimed[gtin] = await ledger.GetCounterAsync(Keys.ClaimedQuantity(wholesaler.MspId, manufacturer, gtin)).ConfigureAwait(false);
            }
        }

        return new ChargebackEvidence(sales, contracts, wac, alreadyClaimed, received, claimed);
    }

    private static bool IsWellFormed(ClaimLineInput line, out string gtin)
    {
        gtin = string.Empty;
        try
        {
            Identifiers.Validate(line.SaleId, "saleId");
            gtin = Gs1.NormalizeGtin(line.Gtin);
            return true;
        }
        catch (Fabric.Chaincode.ChaincodeException)
        {
            return false;
        }
    }
}
