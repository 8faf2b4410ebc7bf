using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>
/// Shipments with DSCSA transaction information. Units stay the sender's until the receiver confirms receipt;
/// receipt refuses (with a reason each) units that are recalled, dispensed, destroyed or no longer the sender's.
/// </summary>
[Contract(Name = "Shipments", Title = "Shipments and receipts")]
internal sealed class ShipmentsContract : PharmaContract
{
    /// <summary>Ships loose units and cases the caller owns to another configured organization.</summary>
    [Transaction]
    public async Task<Shipment> ShipAsync(ChaincodeContext context, ShipmentRequest shipment)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(
            context, ledger, StaffRole.Shipping, OrganizationRole.Manufacturer, OrganizationRole.Wholesaler, OrganizationRole.Dispenser).ConfigureAwait(false);
        if (shipment is null)
        {
            throw Refusals.Invalid("shipment", "is required.");
        }

        var shipmentId = Identifiers.Validate(shipment.ShipmentId, "shipment.shipmentId");
        var to = Identifiers.Validate(shipment.To, "shipment.to");
        if (!caller.Configuration.Organizations.Contains(to, StringComparer.Ordinal))
        {
            throw Refusals.Invalid("shipment.to", $"organization {to} takes no part in this chaincode's configuration.");
        }

        var looseRefs = UnitStore.Normalize(shipment.Units, "shipment.units", allowEmpty: true);
        var caseIds = (shipment.Cases ?? []).Select((c, i) => Gs1.ValidateSscc(c, $"shipment.cases[{i}]")).ToArray();
        Identifiers.RequireNoDuplicates(caseIds, "shipment.cases");
        if (await ledger.ExistsAsync(Keys.Shipment(shipmentId)).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Shipment '{shipmentId}' already exists.");
        }

        var loose = await UnitStore.RequireUnitsAsync(ledger, looseRefs).ConfigureAwait(false);
        var cases = new List<(ShippingCase, IReadOnlyList<SerializedUnit>)>();
        foreach (var caseId in caseIds)
        {
            var shippingCase = await ledger.RequireAsync<ShippingCase>(Keys.Case(caseId), "Case", caseId).ConfigureAwait(false);
            cases.Add((shippingCase, await UnitStore.RequireUnitsAsync(ledger, shippingCase.Units).ConfigureAwait(false)));
        }

        var recalled = await UnitStore.RecalledLotsAsync(ledger, loose.Concat(cases.SelectMany(c => c.Item2))).ConfigureAwait(false);
        var request = shipment with { ShipmentId = shipmentId, To = to };
        var result = ShipmentRules.Ship(request, caller.MspId, loose, cases, recalled, ledger.Now);
        await UnitStore.SaveAsync(ledger, result.Units).ConfigureAwait(false);
        foreach (var shippingCase in result.Cases)
        {
            await UnitStore.SaveAsync(ledger, shippingCase).ConfigureAwait(false);
        }

        await ledger.PutAsync(Keys.Shipment(shipmentId), result.Shipment).ConfigureAwait(false);
        PharmaLog.ShipmentShipped(context.Logger, shipmentId, caller.MspId, to, result.Units.Count);
        ledger.Emit(EventNames.ShipmentShipped, new
        {
            bizStep = BusinessStep.Shipping,
            disposition = Disposition.InTransit,
            shipmentId,
            from = caller.MspId,
            to,
            request.IsReturn,
            result.Shipment.Cases,
            result.Shipment.Lines,
            unitCount = result.Units.Count,
        });
        return result.Shipment;
    }

    /// <summary>
    /// Confirms receipt (the receiver only): accepted units (and cases) change owner now; refused units stay the
    /// sender's, each with its reason in the result and the event.
    /// </summary>
    [Transaction]
    public async Task<Shipment> ReceiveAsync(ChaincodeContext context, string shipmentId)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(
            context, ledger, StaffRole.Shipping, OrganizationRole.Manufacturer, OrganizationRole.Wholesaler, OrganizationRole.Dispenser).ConfigureAwait(false);
        shipmentId = Identifiers.Validate(shipmentId, "shipmentId");
        var shipment = await ledger.RequireAsync<Shipment>(Keys.Shipment(shipmentId), "Shipment", shipmentId).ConfigureAwait(false);
        if (shipment.To != caller.MspId)
        {
            throw Refusals.Forbidden($"Only the receiver of shipment '{shipmentId}' can confirm its receipt.");
        }

        var units = new Dictionary<UnitRef, SerializedUnit>();
        foreach (var reference in shipment.Units)
        {
            var unit = await ledger.GetAsync<SerializedUnit>(Keys.Unit(reference.Gtin, reference.Serial)).ConfigureAwait(false);
            if (unit is not null)
            {
                units[reference] = unit;
            }
        }

        var cases = new List<ShippingCase>();
        foreach (var caseId in shipment.Cases)
        {
            if (await ledger.GetAsync<ShippingCase>(Keys.Case(caseId)).ConfigureAwait(false) is { } shippingCase)
            {
                cases.Add(shippingCase);
            }
        }

        var recalled = await UnitStore.RecalledLotsAsync(ledger, units.Values).ConfigureAwait(false);
        var receipt = ShipmentRules.Receive(shipment, units, cases, recalled, ledger.Now);
        await UnitStore.SaveAsync(ledger, receipt.Units).ConfigureAwait(false);
        foreach (var shippingCase in receipt.Cases)
        {
            await UnitStore.SaveAsync(ledger, shippingCase).ConfigureAwait(false);
        }

        await ledger.PutAsync(Keys.Shipment(shipmentId), receipt.Shipment).ConfigureAwait(false);
        await CountReceivedFromManufacturerAsync(ledger, caller, receipt.Shipment).ConfigureAwait(false);
        PharmaLog.ShipmentReceived(context.Logger, shipmentId, receipt.Shipment.AcceptedUnits.Count, receipt.Shipment.RefusedUnits.Count);
        ledger.Emit(EventNames.ShipmentReceived, new
        {
            bizStep = BusinessStep.Receiving,
            shipmentId,
            from = shipment.From,
            to = shipment.To,
            receipt.Shipment.Status,
            acceptedCount = receipt.Shipment.AcceptedUnits.Count,
            refused = receipt.Shipment.RefusedUnits,
        });
        return receipt.Shipment;
    }

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<Shipment> GetAsync(ChaincodeContext context, string shipmentId)
    {
        await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        shipmentId = Identifiers.Validate(shipmentId, "shipmentId");
        return await Ledger.RequireAsync<Shipment>(Keys.Shipment(shipmentId), "Shipment", shipmentId).ConfigureAwait(false);
    }

    /// <summary>
    /// Chargebacks may not claim more units than a wholesaler received from the product's manufacturer: count them
    /// per (wholesaler, manufacturer, product) when such a shipment is received.
    /// </summary>
    private static async Task CountReceivedFromManufacturerAsync(Ledger ledger, Caller caller, Shipment shipment)
    {
        if (shipment.IsReturn || !caller.Plays(OrganizationRole.Wholesaler) || !caller.Configuration.Plays(shipment.From, OrganizationRole.Manufacturer))
        {
            return;
        }

        foreach (var (gtin, quantity) in ShipmentRules.AcceptedQuantities(shipment))
        {
            var product = await ledger.GetAsync<Product>(Keys.Product(gtin)).ConfigureAwait(false);
            if (product?.Manufacturer != shipment.From)
            {
                continue;
            }

            var key = Keys.ReceivedQuantity(shipment.To, shipment.From, gtin);
            await ledger.PutCounterAsync(key, await ledger.GetCounterAsync(key).ConfigureAwait(false) + quantity).ConfigureAwait(false);
        }
    }
}
