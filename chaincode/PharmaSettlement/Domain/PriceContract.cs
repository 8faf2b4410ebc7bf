namespace PharmaSettlement.Domain;

/// <summary>One product of a price contract and its contract price (minor units per unit).</summary>
internal sealed record ContractLine(string Gtin, long ContractPrice);

/// <summary>
/// The private terms of a price contract a manufacturer grants a customer (a pharmacy or hospital organization
/// and its eligible locations by GLN), supplied through a wholesaler. Validity dates are inclusive.
/// </summary>
internal sealed record PriceContractTerms(
    string ContractId,
    string Manufacturer,
    string Wholesaler,
    string CustomerMsp,
    IReadOnlyList<string> EligibleCustomers,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    string Currency,
    IReadOnlyList<ContractLine> Lines)
{
    public bool IsValidOn(DateOnly date) => date >= ValidFrom && date <= ValidTo;

    public ContractLine? LineFor(string gtin) => Lines.FirstOrDefault(l => l.Gtin == gtin);
}

/// <summary>What a manufacturer sends (as transient data) to publish a contract, with the salt for its hash.</summary>
internal sealed record PriceContractProposal(
    string ContractId,
    string Wholesaler,
    string CustomerMsp,
    IReadOnlyList<string>? EligibleCustomers,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    string Currency,
    IReadOnlyList<ContractLine>? Lines,
    string Salt)
{
    /// <summary>The validated terms (GTINs in 14-digit form).</summary>
    public PriceContractTerms ToTerms(string manufacturer)
    {
        var contractId = Identifiers.Validate(ContractId, "contract.contractId");
        Identifiers.Validate(Wholesaler, "contract.wholesaler");
        Identifiers.Validate(CustomerMsp, "contract.customerMsp");
        var customers = Identifiers.RequireDistinct(EligibleCustomers, "contract.eligibleCustomers", max: 1_000)
            .Select(gln => Gs1.ValidateGln(gln, "contract.eligibleCustomers"))
            .ToArray();
        if (ValidTo < ValidFrom)
        {
            throw Refusals.Invalid("contract.validTo", "must not be before validFrom.");
        }

        var currency = Money.ValidateCurrency(Currency, "contract.currency");
        if (Lines is null || Lines.Count == 0)
        {
            throw Refusals.Invalid("contract.lines", "must name at least one product.");
        }

        var lines = Lines.Select((line, i) => new ContractLine(
                Gs1.NormalizeGtin(line?.Gtin, $"contract.lines[{i}].gtin"),
                Money.RequirePositive(line!.ContractPrice, $"contract.lines[{i}].contractPrice")))
            .ToArray();
        Identifiers.RequireDistinct(lines.Select(l => l.Gtin).ToArray(), "contract.lines");
        return new PriceContractTerms(contractId, manufacturer, Wholesaler, CustomerMsp, customers, ValidFrom, ValidTo, currency, lines);
    }
}

/// <summary>
/// What everyone on the channel sees of a contract: its ID, parties, validity and the salted hash of its terms.
/// </summary>
internal sealed record PriceContractSummary(
    string ContractId,
    string Manufacturer,
    string Wholesaler,
    string CustomerMsp,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    string TermsHash,
    DateTimeOffset PublishedAt);

/// <summary>
/// A wholesale acquisition cost (list price) of a product from a date on; the price in effect on a day is the entry
/// with the latest <see cref="EffectiveFrom"/> not after it.
/// </summary>
internal sealed record WacPrice(string Gtin, string Currency, long Price, DateOnly EffectiveFrom);

/// <summary>What a manufacturer sends (as transient data) to set a WAC.</summary>
internal sealed record WacProposal(string Gtin, string Currency, long Price, DateOnly EffectiveFrom, string Salt)
{
    public WacPrice ToPrice() => new(
        Gs1.NormalizeGtin(Gtin, "wac.gtin"),
        Money.ValidateCurrency(Currency, "wac.currency"),
        Money.RequirePositive(Price, "wac.price"),
        EffectiveFrom);
}
