namespace PharmaSettlement.Domain;

/// <summary>
/// Validates every line of a chargeback claim against the recorded sale, the contract, the WAC on the sale date and
/// the units shipped to the wholesaler. A line is accepted (a credit the manufacturer owes) or rejected with one
/// reason; the checks run in this order and the first failure is the reason: unknown sale, duplicate claim,
/// unknown contract, customer not eligible, product not on contract, sale date outside validity, quantity exceeds
/// sale, price mismatch, quantity exceeds shipped.
/// </summary>
internal static class ChargebackValidator
{
    public const int MaxLines = 1_000;

    public static ClaimDecision Decide(ClaimProposal proposal, string wholesaler, ChargebackEvidence evidence, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(evidence);
        var claimId = Identifiers.Validate(proposal.ClaimId, "claim.claimId");
        var manufacturer = Identifiers.Validate(proposal.Manufacturer, "claim.manufacturer");
        var currency = Money.ValidateCurrency(proposal.Currency, "claim.currency");
        var inputs = ValidateLines(proposal.Lines);

        var claimedInThisClaim = new HashSet<(string, string)>();
        var claimedByGtin = new Dictionary<string, long>(evidence.ClaimedByGtin, StringComparer.Ordinal);
        var lines = new List<ClaimLine>();
        var amounts = new List<ClaimLineAmount>();
        foreach (var input in inputs)
        {
            var refusal = Check(input, manufacturer, wholesaler, currency, evidence, claimedInThisClaim, claimedByGtin);
            claimedInThisClaim.Add((input.SaleId, input.Gtin));
            if (refusal is null)
            {
                claimedByGtin[input.Gtin] = claimedByGtin.GetValueOrDefault(input.Gtin) + input.Quantity;
            }

            lines.Add(new ClaimLine(
                input.LineNumber, input.SaleId, input.Gtin, input.Quantity,
                refusal is null ? ClaimLineStatus.Accepted : ClaimLineStatus.Rejected,
                refusal?.Reason, refusal?.Detail, null, null, at));
            amounts.Add(new ClaimLineAmount(input.LineNumber, input.Wac, input.ContractPrice, input.Amount));
        }

        var claimAmounts = new ClaimAmounts(claimId, currency, amounts);
        var claim = new ChargebackClaim(claimId, manufacturer, wholesaler, currency, at, lines, string.Empty);
        return new ClaimDecision(claim, claimAmounts);
    }

    private sealed record Refusal(ChargebackReason Reason, string Detail);

    private static Refusal? Check(
        ClaimLineInput line,
        string manufacturer,
        string wholesaler,
        string currency,
        ChargebackEvidence evidence,
        HashSet<(string, string)> claimedInThisClaim,
        Dictionary<string, long> claimedByGtin)
    {
        if (!evidence.Sales.TryGetValue(line.SaleId, out var sale) || sale.Wholesaler != wholesaler || sale.LineFor(line.Gtin) is not { } saleLine)
        {
            return new(ChargebackReason.UnknownSale, "no sale of this product was recorded under this sale ID by the wholesaler.");
        }

        if (evidence.AlreadyClaimed.Contains((line.SaleId, line.Gtin)) || claimedInThisClaim.Contains((line.SaleId, line.Gtin)))
        {
            return new(ChargebackReason.DuplicateClaim, "this product of this sale was already claimed.");
        }

        if (!evidence.Contracts.TryGetValue(sale.ContractId, out var contract)
            || contract.Manufacturer != manufacturer || contract.Wholesaler != wholesaler)
        {
            return new(ChargebackReason.UnknownContract, $"contract '{sale.ContractId}' does not exist between this manufacturer and wholesaler.");
        }

        if (!contract.EligibleCustomers.Contains(sale.CustomerGln, StringComparer.Ordinal))
        {
            return new(ChargebackReason.CustomerNotEligible, $"the sale's customer is not eligible under contract '{contract.ContractId}'.");
        }

        if (contract.LineFor(line.Gtin) is not { } contractLine)
        {
            return new(ChargebackReason.ProductNotOnContract, $"product {line.Gtin} is not on contract '{contract.ContractId}'.");
        }

        if (!contract.IsValidOn(sale.SaleDate))
        {
            return new(ChargebackReason.SaleDateOutsideValidity, $"the sale date is outside the validity of contract '{contract.ContractId}'.");
        }

        if (line.Quantity > saleLine.Quantity)
        {
            return new(ChargebackReason.QuantityExceedsSale, "more units are claimed than the sale recorded.");
        }

        if (CheckPrices(line, saleLine, contractLine, contract, sale, currency, evidence) is { } priceProblem)
        {
            return new(ChargebackReason.PriceMismatch, priceProblem);
        }

        var received = evidence.ReceivedByGtin.GetValueOrDefault(line.Gtin);
        var claimed = claimedByGtin.GetValueOrDefault(line.Gtin);
        return claimed + line.Quantity > received
            ? new(ChargebackReason.QuantityExceedsShipped, "the claimed units exceed the units of this product the wholesaler received from the manufacturer.")
            : null;
    }

    /// <summary>Which price fact disagrees, described without any amount.</summary>
    private static string? CheckPrices(
        ClaimLineInput line, SaleLine saleLine, ContractLine contractLine, PriceContractTerms contract, SaleRecord sale, string currency, ChargebackEvidence evidence)
    {
        if (contract.Currency != currency || sale.Currency != currency)
        {
            return "the claim, sale and contract currencies differ.";
        }

        if (line.ContractPrice != contractLine.ContractPrice)
        {
            return "the claimed contract price differs from the contract.";
        }

        if (saleLine.UnitPrice != contractLine.ContractPrice)
        {
            return "the sale was not made at the contract price.";
        }

        if (!evidence.WacOnSaleDate.TryGetValue((line.SaleId, line.Gtin), out var wac) || wac.Currency != currency)
        {
            return "no WAC in the claim's currency was in effect on the sale date.";
        }

        if (line.Wac != wac.Price)
        {
            return "the claimed WAC differs from the WAC in effect on the sale date.";
        }

        if (wac.Price <= contractLine.ContractPrice)
        {
            return "the contract price is not below WAC, so nothing is owed.";
        }

        long expected;
        try
        {
            expected = checked((wac.Price - contractLine.ContractPrice) * line.Quantity);
        }
        catch (OverflowException)
        {
            return "the amount is too large.";
        }

        return line.Amount == expected ? null : "the amount is not (WAC - contract price) x quantity.";
    }

    private static List<ClaimLineInput> ValidateLines(IReadOnlyList<ClaimLineInput>? lines)
    {
        if (lines is null || lines.Count == 0)
        {
            throw Refusals.Invalid("claim.lines", "must contain at least one line.");
        }

        if (lines.Count > MaxLines)
        {
            throw Refusals.Invalid("claim.lines", $"must contain at most {MaxLines} lines.");
        }

        var result = new List<ClaimLineInput>();
        var numbers = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i] ?? throw Refusals.Invalid($"claim.lines[{i}]", "is empty.");
            var field = $"claim.lines[{i}]";
            if (line.LineNumber <= 0 || !numbers.Add(line.LineNumber))
            {
                throw Refusals.Invalid(field + ".lineNumber", "must be positive and unique within the claim.");
            }

            if (line.Quantity <= 0)
            {
                throw Refusals.Invalid(field + ".quantity", "must be positive.");
            }

            result.Add(line with
            {
                SaleId = Identifiers.Validate(line.SaleId, field + ".saleId"),
                Gtin = Gs1.NormalizeGtin(line.Gtin, field + ".gtin"),
                Wac = Money.RequirePositive(line.Wac, field + ".wac"),
                ContractPrice = Money.RequirePositive(line.ContractPrice, field + ".contractPrice"),
                Amount = Money.RequireNonNegative(line.Amount, field + ".amount"),
            });
        }

        return result;
    }
}
