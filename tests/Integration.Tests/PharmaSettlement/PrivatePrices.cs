using System.Globalization;

namespace Integration.Tests.PharmaSettlement;

/// <summary>
/// The private numbers of the scenario. They follow docs/pharma-settlement.md's happy path (6 units invoiced at WAC,
/// a chargeback of 4 units accepted, one of 2 units rejected for a wrong contract price), with amounts chosen to be
/// distinctive, so that finding one of them in a block means a leak and not a coincidence.
/// </summary>
internal static class PrivatePrices
{
    public const long Wac = 10_437;
    public const long ContractPrice = 7_919;

    /// <summary>The contract price the wholesaler wrongly claims on the second line (price_mismatch).</summary>
    public const long WrongContractPrice = 7_283;

    public const int UnitsShipped = 6;
    public const int FirstSaleQuantity = 4;
    public const int SecondSaleQuantity = 2;

    public const long AcceptedAmount = (Wac - ContractPrice) * FirstSaleQuantity;
    public const long RejectedAmount = (Wac - WrongContractPrice) * SecondSaleQuantity;
    public const long InvoiceTotal = Wac * UnitsShipped;
    public const long NetAmount = InvoiceTotal - AcceptedAmount;

    /// <summary>
    /// What must never be readable on the channel: every price and amount, the customer's location, the client's salt,
    /// and the JSON names of the private fields (which would mean a private record was written publicly).
    /// </summary>
    public static IReadOnlyList<string> Secrets(string customerGln, string clientSalt) =>
    [
        .. new[] { Wac, ContractPrice, WrongContractPrice, AcceptedAmount, RejectedAmount, InvoiceTotal, NetAmount }
            .Select(amount => amount.ToString(CultureInfo.InvariantCulture)),
        customerGln,
        clientSalt,
        "\"price\"", "\"unitPrice\"", "\"contractPrice\"", "\"amount\"", "\"invoiceTotal\"", "\"chargebackTotal\"", "\"netAmount\"",
        "\"eligibleCustomers\"",
    ];
}
