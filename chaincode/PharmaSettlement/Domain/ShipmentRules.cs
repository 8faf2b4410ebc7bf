namespace PharmaSettlement.Domain;

/// <summary>The outcome of shipping: the new shipment and the units and cases it changed.</summary>
internal sealed record ShippingResult(Shipment Shipment, IReadOnlyList<SerializedUnit> Units, IReadOnlyList<ShippingCase> Cases);

/// <summary>The outcome of a receipt: the updated shipment, units and cases.</summary>
internal sealed record ReceiptResult(Shipment Shipment, IReadOnlyList<SerializedUnit> Units, IReadOnlyList<ShippingCase> Cases);

/// <summary>The rules of shipping and receiving serialized goods.</summary>
internal static class ShipmentRules
{
    public const int MaxUnitsPerShipment = 5_000;

    /// <summary>
    /// Ships loose units and cases from <paramref name="sender"/>: all or nothing, every unit checked (owner,
    /// recall, disposition, expiry, packing). Units become in_transit but stay the sender's.
    /// </summary>
    /// <param name="looseUnits">The loose units named by the request, in request order.</param>
    /// <param name="cases">The cases named by the request, with the units they hold.</param>
    public static ShippingResult Ship(
        ShipmentRequest request,
        string sender,
        IReadOnlyList<SerializedUnit> looseUnits,
        IReadOnlyList<(ShippingCase Case, IReadOnlyList<SerializedUnit> Units)> cases,
        ISet<(string Gtin, string Lot)> recalledLots,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To == sender)
        {
            throw Refusals.Invalid("to", "a shipment goes to another organization.");
        }

        var shipDate = DateOnly.FromDateTime(at.UtcDateTime);
        var refusals = new List<UnitRefusal>();
        foreach (var unit in looseUnits)
        {
            Refuse(refusals, unit, UnitLifecycle.RefuseShipping(unit, sender, recalledLots.Contains((unit.Gtin, unit.Lot)), shipDate));
        }

        foreach (var (shippingCase, units) in cases)
        {
            if (shippingCase.Owner != sender)
            {
                throw Refusals.Rule("shipping refused", $"case '{shippingCase.CaseId}' is not owned by the sender.");
            }

            if (shippingCase.Status != Disposition.Active)
            {
                throw Refusals.Conflict($"Case '{shippingCase.CaseId}' is not active and cannot be shipped.");
            }

            foreach (var unit in units)
            {
                Refuse(refusals, unit, UnitLifecycle.RefuseShipping(
                    unit, sender, recalledLots.Contains((unit.Gtin, unit.Lot)), shipDate, shippingCase.CaseId));
            }
        }

        Aggregation.ThrowIfRefused("shipping refused", refusals);
        var allUnits = looseUnits.Concat(cases.SelectMany(c => c.Units)).ToArray();
        if (allUnits.Length == 0)
        {
            throw Refusals.Invalid("units", "a shipment carries at least one unit or case.");
        }

        if (allUnits.Length > MaxUnitsPerShipment)
        {
            throw Refusals.Invalid("units", $"a shipment carries at most {MaxUnitsPerShipment} units.");
        }

        var shipment = new Shipment(
            request.ShipmentId,
            sender,
            request.To,
            request.IsReturn,
            cases.Select(c => c.Case.CaseId).ToArray(),
            allUnits.Select(u => u.Ref).ToArray(),
            Summarize(allUnits),
            ShipmentStatus.InTransit,
            at,
            null,
            [],
            []);
        return new ShippingResult(
            shipment,
            allUnits.Select(u => UnitLifecycle.Ship(u, request.ShipmentId, at)).ToArray(),
            cases.Select(c => c.Case with { Status = Disposition.InTransit, ShipmentId = request.ShipmentId, UpdatedAt = at }).ToArray());
    }

    /// <summary>
    /// Confirms receipt by the shipment's receiver: acceptable units change owner; a unit that is recalled, dispensed,
    /// destroyed or no longer the sender's is refused with its reason and stays with the sender (a case is received
    /// whole or refused whole).
    /// </summary>
    /// <param name="units">Every unit of the shipment by reference; a missing one is refused as not found.</param>
    public static ReceiptResult Receive(
        Shipment shipment,
        IReadOnlyDictionary<UnitRef, SerializedUnit> units,
        IReadOnlyList<ShippingCase> cases,
        ISet<(string Gtin, string Lot)> recalledLots,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(units);
        if (shipment.Status != ShipmentStatus.InTransit)
        {
            throw Refusals.Conflict($"Shipment '{shipment.ShipmentId}' was already received.");
        }

        var reasons = new Dictionary<UnitRef, UnitRefusalReason>();
        foreach (var reference in shipment.Units)
        {
            var reason = units.TryGetValue(reference, out var unit)
                ? UnitLifecycle.RefuseReceiving(unit, shipment, recalledLots.Contains((unit.Gtin, unit.Lot)))
                : UnitRefusalReason.NotFound;
            if (reason is not null)
            {
                reasons[reference] = reason.Value;
            }
        }

        var refusedCases = cases.Where(c => c.Units.Any(reasons.ContainsKey) || c.Owner != shipment.From).ToArray();
        foreach (var reference in refusedCases.SelectMany(c => c.Units))
        {
            reasons.TryAdd(reference, UnitRefusalReason.CaseRefused);
        }

        var changedUnits = new List<SerializedUnit>();
        foreach (var reference in shipment.Units)
        {
            if (!units.TryGetValue(reference, out var unit))
            {
                continue;
            }

            if (!reasons.ContainsKey(reference))
            {
                changedUnits.Add(UnitLifecycle.Receive(unit, shipment.To, shipment.IsReturn, at));
            }
            else if (unit.ShipmentId == shipment.ShipmentId)
            {
                // A refused unit goes back to the sender's stock, keeping a recall if there was one.
                changedUnits.Add(unit with
                {
                    Status = unit.Status == Disposition.InTransit ? Disposition.Active : unit.Status,
                    ShipmentId = null,
                    UpdatedAt = at,
                });
            }
        }

        var changedCases = cases.Select(c => refusedCases.Contains(c)
                ? c with { Status = Disposition.Active, ShipmentId = null, UpdatedAt = at }
                : c with { Owner = shipment.To, Status = shipment.IsReturn ? Disposition.Returned : Disposition.Active, ShipmentId = null, UpdatedAt = at })
            .ToArray();

        var accepted = shipment.Units.Where(u => !reasons.ContainsKey(u)).ToArray();
        var refused = shipment.Units.Where(reasons.ContainsKey).Select(u => new UnitRefusal(u.Gtin, u.Serial, reasons[u])).ToArray();
        var status = refused.Length == 0 ? ShipmentStatus.Received
            : accepted.Length == 0 ? ShipmentStatus.Refused
            : ShipmentStatus.PartiallyReceived;
        return new ReceiptResult(
            shipment with { Status = status, ReceivedAt = at, AcceptedUnits = accepted, RefusedUnits = refused },
            changedUnits,
            changedCases);
    }

    /// <summary>Quantity per GTIN among the units of a shipment that were accepted.</summary>
    public static IReadOnlyDictionary<string, int> AcceptedQuantities(Shipment shipment) =>
        shipment.AcceptedUnits.GroupBy(u => u.Gtin, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static ShipmentLine[] Summarize(IEnumerable<SerializedUnit> units) =>
        units.GroupBy(u => (u.Gtin, u.Lot, u.Expiry))
            .OrderBy(g => g.Key.Gtin, StringComparer.Ordinal).ThenBy(g => g.Key.Lot, StringComparer.Ordinal)
            .Select(g => new ShipmentLine(g.Key.Gtin, g.Key.Lot, g.Key.Expiry, g.Count()))
            .ToArray();

    private static void Refuse(List<UnitRefusal> refusals, SerializedUnit unit, UnitRefusalReason? reason)
    {
        if (reason is not null)
        {
            refusals.Add(new UnitRefusal(unit.Gtin, unit.Serial, reason.Value));
        }
    }
}
