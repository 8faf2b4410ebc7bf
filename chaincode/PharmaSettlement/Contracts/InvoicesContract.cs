using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>Invoices for received shipments (the wholesaler owes the manufacturer WAC x units received).</summary>
[Contract(Name = "Invoices", Title = "Invoices")]
internal sealed class InvoicesContract : PharmaContract
{
    /// <summary>
    /// Issues the invoice of a shipment the caller's organization sent to a wholesaler and that was received, at the
    /// WAC in effect on the ship date. Transient key <c>salt</c> (base64, 16-64 bytes) salts the private amounts.
    /// </summary>
    [Transaction]
    public async Task<Invoice> IssueAsync(ChaincodeContext context, string invoiceId, string shipmentId, string currency, [Transient] string salt)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Finance, OrganizationRole.Manufacturer).ConfigureAwait(false);
        invoiceId = Identifiers.Validate(invoiceId, "invoiceId");
        shipmentId = Identifiers.Validate(shipmentId, "shipmentId");
        currency = Money.ValidateCurrency(currency);
        var clientSalt = SaltedHash.ParseSalt(salt);
        var shipment = await ledger.RequireAsync<Shipment>(Keys.Shipment(shipmentId), "Shipment", shipmentId).ConfigureAwait(false);
        if (shipment.From != caller.MspId)
        {
            throw Refusals.Forbidden($"Only the sender of shipment '{shipmentId}' can invoice it.");
        }

        if (!caller.Configuration.Plays(shipment.To, OrganizationRole.Wholesaler))
        {
            throw Refusals.Rule("invoice refused", $"shipment '{shipmentId}' did not go to a wholesaler.");
        }

        if (await ledger.ExistsAsync(Keys.Invoice(invoiceId)).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Invoice '{invoiceId}' already exists.");
        }

        if (await ledger.ExistsAsync(Keys.InvoiceForShipment(shipmentId)).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Shipment '{shipmentId}' is already invoiced.");
        }

        var shipDate = DateOnly.FromDateTime(shipment.ShippedAt.UtcDateTime);
        var wac = new Dictionary<string, WacPrice>(StringComparer.Ordinal);
        foreach (var gtin in ShipmentRules.AcceptedQuantities(shipment).Keys)
        {
            if (await PrivateRecords.WacOnAsync(ledger, caller.Configuration.PricingCollection, gtin, shipDate).ConfigureAwait(false) is { } price)
            {
                wac[gtin] = price;
            }
        }

        var (invoice, amounts) = Invoicing.Issue(invoiceId, shipment, currency, wac, ledger.Now);
        var key = Keys.Invoice(invoiceId);
        var hash = await PrivateRecords.PutAsync(ledger, caller.Configuration.PricingCollection, key, amounts, clientSalt).ConfigureAwait(false);
        invoice = invoice with { AmountsHash = hash };
        await ledger.PutAsync(key, invoice).ConfigureAwait(false);
        await ledger.PutStringAsync(Keys.InvoiceForShipment(shipmentId), invoiceId).ConfigureAwait(false);
        await ledger.PutMarkerAsync(Keys.InvoiceByPair(invoice.Seller, invoice.Buyer, invoiceId)).ConfigureAwait(false);
        ledger.Emit(EventNames.InvoiceIssued, new { invoice.InvoiceId, invoice.ShipmentId, invoice.Seller, invoice.Buyer, invoice.Currency, invoice.AmountsHash });
        return invoice;
    }

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<Invoice> GetAsync(ChaincodeContext context, string invoiceId)
    {
        await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        return await RequireInvoiceAsync(Ledger, invoiceId).ConfigureAwait(false);
    }

    /// <summary>The private amounts of an invoice with their salt, for seller and buyer.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<SaltedRecord<InvoiceAmounts>> GetAmountsAsync(ChaincodeContext context, string invoiceId)
    {
        var caller = await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        var invoice = await RequireInvoiceAsync(Ledger, invoiceId).ConfigureAwait(false);
        Access.RequireParty(caller, "invoice", invoice.Seller, invoice.Buyer);
        return await Ledger.GetPrivateAsync<SaltedRecord<InvoiceAmounts>>(caller.Configuration.PricingCollection, Keys.Invoice(invoice.InvoiceId)).ConfigureAwait(false)
            ?? throw Refusals.NotFound("Private amounts of invoice", invoice.InvoiceId);
    }

    internal static Task<Invoice> RequireInvoiceAsync(Ledger ledger, string invoiceId)
    {
        invoiceId = Identifiers.Validate(invoiceId, "invoiceId");
        return ledger.RequireAsync<Invoice>(Keys.Invoice(invoiceId), "Invoice", invoiceId);
    }
}
