namespace PharmaSettlement.Domain;

/// <summary>One product of a sale: quantity and the unit price charged (minor units).</summary>
internal sealed record SaleLine(string Gtin, int Quantity, long UnitPrice);

/// <summary>A wholesaler's sale to a customer location (GLN) under a price contract (private: it carries prices).</summary>
internal sealed record SaleRecord(
    string SaleId,
    string Wholesaler,
    string ContractId,
    string CustomerGln,
    DateOnly SaleDate,
    string Currency,
    IReadOnlyList<SaleLine> Lines)
{
    public SaleLine? LineFor(string gtin) => Lines.FirstOrDefault(l => l.Gtin == gtin);
}

/// <summary>What a wholesaler sends (as transient data) to record a sale, with the salt for its hash.</summary>
internal sealed record SaleProposal(
    string SaleId,
    string ContractId,
    string CustomerGln,
    DateOnly SaleDate,
    string Currency,
    IReadOnlyList<SaleLine>? Lines,
    string Salt)
{
    /// <summary>The validated sale; a sale date after <paramref name="today"/> is refused.</summary>
    public SaleRecord ToRecord(string wholesaler, DateOnly today)
    {
        var saleId = Identifiers.Validate(SaleId, "sale.saleId");
        var contractId = Identifiers.Validate(ContractId, "sale.contractId");
        var customer = Gs1.ValidateGln(CustomerGln, "sale.customerGln");
        if (SaleDate > today)
        {
            throw Refusals.Invalid("sale.saleDate", "must not be in the future.");
        }

        var currency = Money.ValidateCurrency(Currency, "sale.currency");
        if (Lines is null || Lines.Count == 0)
        {
            throw Refusals.Invalid("sale.lines", "must name at least one product.");
        }

        var lines = Lines.Select((line, i) => new SaleLine(
                Gs1.NormalizeGtin(line?.Gtin, $"sale.lines[{i}].gtin"),
                line!.Quantity > 0 ? line.Quantity : throw Refusals.Invalid($"sale.lines[{i}].quantity", "must be positive."),
                Money.RequirePositive(line.UnitPrice, $"sale.lines[{i}].unitPrice")))
            .ToArray();
        Identifiers.RequireDistinct(lines.Select(l => l.Gtin).ToArray(), "sale.lines");
        return new SaleRecord(saleId, wholesaler, contractId, customer, SaleDate, currency, lines);
    }
}

/// <summary>What the channel sees of a sale: IDs, date and the salted hash of the private record.</summary>
internal sealed record SaleSummary(string SaleId, string Wholesaler, string ContractId, DateOnly SaleDate, string Hash, DateTimeOffset RecordedAt);
