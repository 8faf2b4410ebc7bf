using System.Text.Json.Serialization;

namespace PharmaSettlement.Domain;

/// <summary>Where an invoice or other settlement item is.</summary>
internal enum ItemStatus
{
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("in_settlement")]
    InSettlement,

    [JsonStringEnumMemberName("paid")]
    Paid,
}

/// <summary>An invoice for a received shipment (the wholesaler owes the manufacturer), as the channel sees it.</summary>
internal sealed record Invoice(
    string InvoiceId,
    string ShipmentId,
    string Seller,
    string Buyer,
    string Currency,
    DateTimeOffset IssuedAt,
    ItemStatus Status,
    string? SettlementId,
    string AmountsHash);

/// <summary>One product of an invoice (private).</summary>
internal sealed record InvoiceLine(string Gtin, int Quantity, long UnitPrice, long Amount);

/// <summary>The amounts of an invoice (private, in the pricing collection).</summary>
internal sealed record InvoiceAmounts(string InvoiceId, string Currency, IReadOnlyList<InvoiceLine> Lines, long Total);

/// <summary>Invoices units received from a shipment at the WAC in effect on the ship date.</summary>
internal static class Invoicing
{
    /// <param name="wacOnShipDate">The WAC of each GTIN on the ship date.</param>
    public static (Invoice Invoice, InvoiceAmounts Amounts) Issue(
        string invoiceId, Shipment shipment, string currency, IReadOnlyDictionary<string, WacPrice> wacOnShipDate, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(wacOnShipDate);
        if (shipment.Status is ShipmentStatus.InTransit or ShipmentStatus.Refused)
        {
            throw Refusals.Conflict($"Shipment '{shipment.ShipmentId}' has no received units to invoice yet.");
        }

        if (shipment.IsReturn)
        {
            throw Refusals.Rule("invoice refused", $"shipment '{shipment.ShipmentId}' is a return, not a sale.");
        }

        var lines = new List<InvoiceLine>();
        foreach (var (gtin, quantity) in ShipmentRules.AcceptedQuantities(shipment).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!wacOnShipDate.TryGetValue(gtin, out var wac) || wac.Currency != currency)
            {
                throw Refusals.Rule("invoice refused", $"no WAC in {currency} was in effect for product {gtin} on the ship date.");
            }

            lines.Add(new InvoiceLine(gtin, quantity, wac.Price, Money.Multiply(wac.Price, quantity, "invoice")));
        }

        var amounts = new InvoiceAmounts(invoiceId, currency, lines, Money.Sum(lines.Select(l => l.Amount), "invoice"));
        var invoice = new Invoice(invoiceId, shipment.ShipmentId, shipment.From, shipment.To, currency, at, ItemStatus.Open, null, string.Empty);
        return (invoice, amounts);
    }
}
