using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>A WAC entry as the channel sees it: product, effective date and the salted hash of the price.</summary>
internal sealed record WacSummary(string Gtin, DateOnly EffectiveFrom, string PriceHash, DateTimeOffset SetAt);

/// <summary>
/// Prices: WAC per product and price contracts. Prices arrive only as transient data and are written only to the
/// pricing collection (manufacturers and wholesalers) and, for a contract, to the customer's implicit collection;
/// public state holds IDs, parties, validity and salted hashes.
/// </summary>
[Contract(Name = "Pricing", Title = "WAC and price contracts")]
internal sealed class PricingContract : PharmaContract
{
    /// <summary>Sets the WAC of one of the caller's products from a date on. Transient key <c>wac</c>.</summary>
    [Transaction]
    public async Task<WacSummary> SetWacAsync(ChaincodeContext context, [Transient] WacProposal wac)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Pricing, OrganizationRole.Manufacturer).ConfigureAwait(false);
        if (wac is null)
        {
            throw Refusals.Invalid("wac", "is required.");
        }

        var price = wac.ToPrice();
        var salt = SaltedHash.ParseSalt(wac.Salt, "wac.salt");
        await ProductsContract.RequireOwnProductAsync(ledger, price.Gtin, caller.MspId).ConfigureAwait(false);
        var key = Keys.Wac(price.Gtin, price.EffectiveFrom);
        if (await ledger.ExistsAsync(key).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"A WAC of product {price.Gtin} effective on {price.EffectiveFrom:yyyy-MM-dd} already exists.");
        }

        var hash = await PrivateRecords.PutAsync(ledger, caller.Configuration.PricingCollection, key, price, salt).ConfigureAwait(false);
        var summary = new WacSummary(price.Gtin, price.EffectiveFrom, hash, ledger.Now);
        await ledger.PutAsync(key, summary).ConfigureAwait(false);
        ledger.Emit(EventNames.WacSet, summary);
        return summary;
    }

    /// <summary>
    /// Publishes a price contract for a customer through a wholesaler. Transient key <c>contract</c>. The terms go to
    /// the pricing collection and to the customer's implicit collection; public state gets the summary.
    /// </summary>
    [Transaction]
    public async Task<PriceContractSummary> PublishContractAsync(ChaincodeContext context, [Transient] PriceContractProposal contract)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Pricing, OrganizationRole.Manufacturer).ConfigureAwait(false);
        if (contract is null)
        {
            throw Refusals.Invalid("contract", "is required.");
        }

        var terms = contract.ToTerms(caller.MspId);
        var salt = SaltedHash.ParseSalt(contract.Salt, "contract.salt");
        if (!caller.Configuration.Plays(terms.Wholesaler, OrganizationRole.Wholesaler))
        {
            throw Refusals.Invalid("contract.wholesaler", $"{terms.Wholesaler} is not a wholesaler in the chaincode configuration.");
        }

        if (!caller.Configuration.Plays(terms.CustomerMsp, OrganizationRole.Dispenser))
        {
            throw Refusals.Invalid("contract.customerMsp", $"{terms.CustomerMsp} is not a dispenser in the chaincode configuration.");
        }

        foreach (var line in terms.Lines)
        {
            await ProductsContract.RequireOwnProductAsync(ledger, line.Gtin, caller.MspId).ConfigureAwait(false);
        }

        var key = Keys.Contract(terms.ContractId);
        if (await ledger.ExistsAsync(key).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Contract '{terms.ContractId}' already exists.");
        }

        var hash = await PrivateRecords.PutAsync(
            ledger, [caller.Configuration.PricingCollection, Keys.ImplicitCollection(terms.CustomerMsp)], key, terms, salt).ConfigureAwait(false);
        var summary = new PriceContractSummary(
            terms.ContractId, terms.Manufacturer, terms.Wholesaler, terms.CustomerMsp, terms.ValidFrom, terms.ValidTo, hash, ledger.Now);
        await ledger.PutAsync(key, summary).ConfigureAwait(false);
        ledger.Emit(EventNames.ContractPublished, summary);
        return summary;
    }

    /// <summary>The public part of a contract: ID, parties, validity, salted hash of the terms.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<PriceContractSummary> GetContractAsync(ChaincodeContext context, string contractId)
    {
        await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        return await RequireSummaryAsync(Ledger, contractId).ConfigureAwait(false);
    }

    /// <summary>
    /// The private terms with their salt, for the contract's parties: the manufacturer and wholesaler read the pricing
    /// collection, the customer its own implicit collection. Evaluate on a peer of the caller's organization.
    /// </summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<SaltedRecord<PriceContractTerms>> GetContractTermsAsync(ChaincodeContext context, string contractId)
    {
        var caller = await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        var summary = await RequireSummaryAsync(Ledger, contractId).ConfigureAwait(false);
        Access.RequireParty(caller, "contract", summary.Manufacturer, summary.Wholesaler, summary.CustomerMsp);
        var collection = caller.MspId == summary.CustomerMsp && caller.MspId != summary.Manufacturer && caller.MspId != summary.Wholesaler
            ? Keys.ImplicitCollection(summary.CustomerMsp)
            : caller.Configuration.PricingCollection;
        return await Ledger.GetPrivateAsync<SaltedRecord<PriceContractTerms>>(collection, Keys.Contract(summary.ContractId)).ConfigureAwait(false)
            ?? throw Refusals.NotFound("Private terms of contract", summary.ContractId);
    }

    /// <summary>The WAC of a product in effect on a date, for manufacturers and wholesalers.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<WacPrice> GetWacAsync(ChaincodeContext context, string gtin, DateOnly date)
    {
        var caller = await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        if (!caller.Plays(OrganizationRole.Manufacturer) && !caller.Plays(OrganizationRole.Wholesaler))
        {
            throw Refusals.Forbidden("Only manufacturers and wholesalers can read WAC.");
        }

        gtin = Gs1.NormalizeGtin(gtin);
        return await PrivateRecords.WacOnAsync(Ledger, caller.Configuration.PricingCollection, gtin, date).ConfigureAwait(false)
            ?? throw Refusals.NotFound("WAC of product", $"{gtin} on {date:yyyy-MM-dd}");
    }

    internal static Task<PriceContractSummary> RequireSummaryAsync(Ledger ledger, string contractId)
    {
        contractId = Identifiers.Validate(contractId, "contractId");
        return ledger.RequireAsync<PriceContractSummary>(Keys.Contract(contractId), "Contract", contractId);
    }
}
