using PharmaSettlement.Domain;

namespace PharmaSettlement.Internal;

/// <summary>Loading and saving serialized units, cases and recalls.</summary>
internal static class UnitStore
{
    /// <summary>The units named by <paramref name="references"/> (already normalized), in order; 404 for the first missing one.</summary>
    public static async Task<List<SerializedUnit>> RequireUnitsAsync(Ledger ledger, IEnumerable<UnitRef> references)
    {
        var units = new List<SerializedUnit>();
        foreach (var reference in references)
        {
            units.Add(await ledger.RequireAsync<SerializedUnit>(Keys.Unit(reference.Gtin, reference.Serial), "Unit", reference.ToString()).ConfigureAwait(false));
        }

        return units;
    }

    /// <summary>Which of the (GTIN, lot) pairs of <paramref name="units"/> are under recall.</summary>
    public static async Task<HashSet<(string Gtin, string Lot)>> RecalledLotsAsync(Ledger ledger, IEnumerable<SerializedUnit> units)
    {
        var recalled = new HashSet<(string, string)>();
        foreach (var lot in units.Select(u => (u.Gtin, u.Lot)).Distinct())
        {
            if (await ledger.ExistsAsync(Keys.Recall(lot.Gtin, lot.Lot)).ConfigureAwait(false))
            {
                recalled.Add(lot);
            }
        }

        return recalled;
    }

    public static async Task<bool> IsRecalledAsync(Ledger ledger, SerializedUnit unit) =>
        await ledger.ExistsAsync(Keys.Recall(unit.Gtin, unit.Lot)).ConfigureAwait(false);

    public static async Task SaveAsync(Ledger ledger, IEnumerable<SerializedUnit> units)
    {
        foreach (var unit in units)
        {
            await ledger.PutAsync(Keys.Unit(unit.Gtin, unit.Serial), unit).ConfigureAwait(false);
        }
    }

    public static Task SaveAsync(Ledger ledger, ShippingCase shippingCase) => ledger.PutAsync(Keys.Case(shippingCase.CaseId), shippingCase);

    /// <summary>Validates and normalizes a list of unit references from a request.</summary>
    public static UnitRef[] Normalize(IReadOnlyList<UnitRef>? references, string field, bool allowEmpty = false)
    {
        if ((references is null || references.Count == 0) && allowEmpty)
        {
            return [];
        }

        var normalized = Identifiers.RequireDistinct(references, field)
            .Select((r, i) => (r ?? throw Refusals.Invalid($"{field}[{i}]", "is empty.")).Normalize($"{field}[{i}]"))
            .ToArray();
        Identifiers.RequireDistinct(normalized, field);
        return normalized;
    }

    /// <summary>Fails with 422 and the unit's refusal reason when <paramref name="reason"/> is set.</summary>
    public static void ThrowIfRefused(string step, SerializedUnit unit, UnitRefusalReason? reason)
    {
        if (reason is not null)
        {
            throw Refusals.Rule(step, new UnitRefusal(unit.Gtin, unit.Serial, reason.Value).Describe());
        }
    }
}
