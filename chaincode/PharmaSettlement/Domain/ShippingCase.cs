namespace PharmaSettlement.Domain;

/// <summary>A case (logistic unit, identified by an SSCC) aggregating serialized units so that they ship as one.</summary>
internal sealed record ShippingCase(
    string CaseId,
    string Owner,
    Disposition Status,
    IReadOnlyList<UnitRef> Units,
    string? ShipmentId,
    DateTimeOffset PackedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The rules of aggregation (GS1 packing and unpacking).</summary>
internal static class Aggregation
{
    public const int MaxUnitsPerCase = 1_000;

    /// <summary>Packs <paramref name="units"/>: every unit must be packable by <paramref name="owner"/>, or the whole pack is refused.</summary>
    /// <param name="recalledLots">The (GTIN, lot) pairs under recall among the units' lots.</param>
    public static ShippingCase Pack(
        string caseId, string owner, IReadOnlyList<SerializedUnit> units, ISet<(string Gtin, string Lot)> recalledLots, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count > MaxUnitsPerCase)
        {
            throw Refusals.Invalid("units", $"a case holds at most {MaxUnitsPerCase} units.");
        }

        var refusals = units
            .Select(u => (Unit: u, Reason: UnitLifecycle.RefusePacking(u, owner, recalledLots.Contains((u.Gtin, u.Lot)))))
            .Where(r => r.Reason is not null)
            .Select(r => new UnitRefusal(r.Unit.Gtin, r.Unit.Serial, r.Reason!.Value))
            .ToArray();
        ThrowIfRefused("packing", refusals);
        return new ShippingCase(caseId, owner, Disposition.Active, units.Select(u => u.Ref).ToArray(), null, at, at);
    }

    /// <summary>Refuses unpacking unless the case is active (not on the road) at <paramref name="owner"/>.</summary>
    public static void EnsureCanUnpack(ShippingCase shippingCase, string owner)
    {
        ArgumentNullException.ThrowIfNull(shippingCase);
        if (shippingCase.Owner != owner)
        {
            throw Refusals.Forbidden($"Case '{shippingCase.CaseId}' is not owned by {owner}.");
        }

        if (shippingCase.Status != Disposition.Active)
        {
            throw Refusals.Conflict($"Case '{shippingCase.CaseId}' is {Describe(shippingCase.Status)} and cannot be unpacked.");
        }
    }

    /// <summary>Fails with 422 listing every refused unit (at most ten named), when there is any.</summary>
    public static void ThrowIfRefused(string step, IReadOnlyCollection<UnitRefusal> refusals)
    {
        if (refusals.Count == 0)
        {
            return;
        }

        var named = string.Join("; ", refusals.Take(10).Select(r => r.Describe()));
        var more = refusals.Count > 10 ? $" (and {refusals.Count - 10} more)" : string.Empty;
        throw Refusals.Rule($"{step} refused", named + more);
    }

    private static string Describe(Disposition status) => status switch
    {
        Disposition.InTransit => "in transit",
        _ => status.ToString().ToLowerInvariant(),
    };
}
