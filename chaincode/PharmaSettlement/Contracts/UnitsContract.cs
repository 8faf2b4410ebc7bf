using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>What a saleable-returns or dispenser check learns about a unit.</summary>
internal sealed record UnitVerification(
    string Gtin, string Serial, bool Exists, Disposition? Status, string? Owner, string? Lot, DateOnly? Expiry, bool Recalled, string? CaseId);

/// <summary>
/// Serialized units (DSCSA product identifiers): commissioning, aggregation into cases, verification, dispensing,
/// decommissioning and reinstating returned units.
/// </summary>
[Contract(Name = "Units", Title = "Serialized units and cases")]
internal sealed class UnitsContract : PharmaContract
{
    public const int MaxUnitsPerCommission = 1_000;

    /// <summary>Commissions a batch of serial numbers of one product lot (the manufacturer's own products only).</summary>
    [Transaction]
    public async Task<IReadOnlyList<SerializedUnit>> CommissionAsync(ChaincodeContext context, string gtin, string lot, DateOnly expiry, string[] serials)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Serialization, OrganizationRole.Manufacturer).ConfigureAwait(false);
        gtin = Gs1.NormalizeGtin(gtin);
        lot = Gs1.ValidateLot(lot);
        Identifiers.RequireDistinct(serials, "serials", MaxUnitsPerCommission);
        foreach (var (serial, i) in serials.Select((s, i) => (s, i)))
        {
            Gs1.ValidateSerial(serial, $"serials[{i}]");
        }

        if (expiry <= ledger.Today)
        {
            throw Refusals.Invalid("expiry", "must be after the transaction date.");
        }

        await ProductsContract.RequireOwnProductAsync(ledger, gtin, caller.MspId).ConfigureAwait(false);
        if (await ledger.ExistsAsync(Keys.Recall(gtin, lot)).ConfigureAwait(false))
        {
            throw Refusals.Rule("lot recalled", $"lot {lot} of product {gtin} is recalled; no unit of it can be commissioned.");
        }

        var units = new List<SerializedUnit>();
        foreach (var serial in serials)
        {
            if (await ledger.ExistsAsync(Keys.Unit(gtin, serial)).ConfigureAwait(false))
            {
                throw Refusals.Conflict($"Unit {gtin}/{serial} is already commissioned.");
            }

            var unit = new SerializedUnit(gtin, serial, lot, expiry, caller.MspId, Disposition.Active, null, null, ledger.Now, ledger.Now);
            units.Add(unit);
            await ledger.PutMarkerAsync(Keys.LotUnit(gtin, lot, serial)).ConfigureAwait(false);
        }

        await UnitStore.SaveAsync(ledger, units).ConfigureAwait(false);
        ledger.Emit(EventNames.UnitsCommissioned, new
        {
            bizStep = BusinessStep.Commissioning,
            disposition = Disposition.Active,
            gtin,
            lot,
            expiry,
            serials,
            owner = caller.MspId,
        });
        return units;
    }

    /// <summary>Packs units the caller owns into a new case (SSCC), so they ship as one.</summary>
    [Transaction]
    public async Task<ShippingCase> PackAsync(ChaincodeContext context, string caseId, UnitRef[] units)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(
            context, ledger, StaffRole.Shipping, OrganizationRole.Manufacturer, OrganizationRole.Wholesaler, OrganizationRole.Dispenser).ConfigureAwait(false);
        caseId = Gs1.ValidateSscc(caseId);
        var references = UnitStore.Normalize(units, "units");
        if (await ledger.ExistsAsync(Keys.Case(caseId)).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Case {caseId} already exists.");
        }

        var loaded = await UnitStore.RequireUnitsAsync(ledger, references).ConfigureAwait(false);
        var recalled = await UnitStore.RecalledLotsAsync(ledger, loaded).ConfigureAwait(false);
        var shippingCase = Aggregation.Pack(caseId, caller.MspId, loaded, recalled, ledger.Now);
        await UnitStore.SaveAsync(ledger, loaded.Select(u => u with { CaseId = caseId, UpdatedAt = ledger.Now })).ConfigureAwait(false);
        await UnitStore.SaveAsync(ledger, shippingCase).ConfigureAwait(false);
        ledger.Emit(EventNames.CasePacked, new { bizStep = BusinessStep.Packing, caseId, units = shippingCase.Units, owner = caller.MspId });
        return shippingCase;
    }

    /// <summary>Takes every unit out of a case the caller owns; the case ID can then be reused.</summary>
    [Transaction]
    public async Task UnpackAsync(ChaincodeContext context, string caseId)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(
            context, ledger, StaffRole.Shipping, OrganizationRole.Manufacturer, OrganizationRole.Wholesaler, OrganizationRole.Dispenser).ConfigureAwait(false);
        caseId = Gs1.ValidateSscc(caseId);
        var shippingCase = await ledger.RequireAsync<ShippingCase>(Keys.Case(caseId), "Case", caseId).ConfigureAwait(false);
        Aggregation.EnsureCanUnpack(shippingCase, caller.MspId);
        var loaded = await UnitStore.RequireUnitsAsync(ledger, shippingCase.Units).ConfigureAwait(false);
        await UnitStore.SaveAsync(ledger, loaded.Select(u => u with { CaseId = null, UpdatedAt = ledger.Now })).ConfigureAwait(false);
        await ledger.DeleteAsync(Keys.Case(caseId)).ConfigureAwait(false);
        ledger.Emit(EventNames.CaseUnpacked, new { bizStep = BusinessStep.Unpacking, caseId, units = shippingCase.Units, owner = caller.MspId });
    }

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<ShippingCase> GetCaseAsync(ChaincodeContext context, string caseId)
    {
        var ledger = Ledger;
        await Access.RequireMemberAsync(context, ledger).ConfigureAwait(false);
        caseId = Gs1.ValidateSscc(caseId);
        return await ledger.RequireAsync<ShippingCase>(Keys.Case(caseId), "Case", caseId).ConfigureAwait(false);
    }

    /// <summary>
    /// Verifies a product identifier (the DSCSA saleable-returns check): whether the unit exists, its disposition,
    /// its current owner and whether its lot is recalled. An unknown unit is an answer (exists = false), not an error.
    /// </summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<UnitVerification> VerifyAsync(ChaincodeContext context, string gtin, string serial)
    {
        var ledger = Ledger;
        await Access.RequireMemberAsync(context, ledger).ConfigureAwait(false);
        gtin = Gs1.NormalizeGtin(gtin);
        serial = Gs1.ValidateSerial(serial);
        var unit = await ledger.GetAsync<SerializedUnit>(Keys.Unit(gtin, serial)).ConfigureAwait(false);
        if (unit is null)
        {
            return new UnitVerification(gtin, serial, false, null, null, null, null, false, null);
        }

        var recalled = await UnitStore.IsRecalledAsync(ledger, unit).ConfigureAwait(false);
        return new UnitVerification(gtin, serial, true, unit.Status, unit.Owner, unit.Lot, unit.Expiry, recalled, unit.CaseId);
    }

    /// <summary>Dispenses a unit the caller's pharmacy owns to a patient (final).</summary>
    [Transaction]
    public async Task<SerializedUnit> DispenseAsync(ChaincodeContext context, string gtin, string serial)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Pharmacist, OrganizationRole.Dispenser).ConfigureAwait(false);
        var unit = await RequireUnitAsync(ledger, gtin, serial).ConfigureAwait(false);
        var recalled = await UnitStore.IsRecalledAsync(ledger, unit).ConfigureAwait(false);
        UnitStore.ThrowIfRefused("dispensing refused", unit, UnitLifecycle.RefuseDispensing(unit, caller.MspId, recalled, ledger.Today));
        var dispensed = UnitLifecycle.Dispense(unit, ledger.Now);
        await UnitStore.SaveAsync(ledger, [dispensed]).ConfigureAwait(false);
        ledger.Emit(EventNames.UnitDispensed, UnitEvent(BusinessStep.Dispensing, dispensed));
        return dispensed;
    }

    /// <summary>Decommissions (destroys) a unit the caller owns, for example a recalled or damaged one (final).</summary>
    [Transaction]
    public async Task<SerializedUnit> DecommissionAsync(ChaincodeContext context, string gtin, string serial)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(
            context, ledger, StaffRole.Quality, OrganizationRole.Manufacturer, OrganizationRole.Wholesaler, OrganizationRole.Dispenser).ConfigureAwait(false);
        var unit = await RequireUnitAsync(ledger, gtin, serial).ConfigureAwait(false);
        UnitStore.ThrowIfRefused("decommissioning refused", unit, UnitLifecycle.RefuseDecommissioning(unit, caller.MspId));
        var destroyed = UnitLifecycle.Decommission(unit, ledger.Now);
        await UnitStore.SaveAsync(ledger, [destroyed]).ConfigureAwait(false);
        ledger.Emit(EventNames.UnitDecommissioned, UnitEvent(BusinessStep.Decommissioning, destroyed));
        return destroyed;
    }

    /// <summary>Makes a returned unit saleable again after the owner verified it (the DSCSA saleable return).</summary>
    [Transaction]
    public async Task<SerializedUnit> ReinstateAsync(ChaincodeContext context, string gtin, string serial)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(
            context, ledger, StaffRole.Quality, OrganizationRole.Manufacturer, OrganizationRole.Wholesaler, OrganizationRole.Dispenser).ConfigureAwait(false);
        var unit = await RequireUnitAsync(ledger, gtin, serial).ConfigureAwait(false);
        var recalled = await UnitStore.IsRecalledAsync(ledger, unit).ConfigureAwait(false);
        UnitStore.ThrowIfRefused("reinstating refused", unit, UnitLifecycle.RefuseReinstating(unit, caller.MspId, recalled, ledger.Today));
        var reinstated = UnitLifecycle.Reinstate(unit, ledger.Now);
        await UnitStore.SaveAsync(ledger, [reinstated]).ConfigureAwait(false);
        ledger.Emit(EventNames.UnitReinstated, UnitEvent(BusinessStep.Inspecting, reinstated));
        return reinstated;
    }

    private static Task<SerializedUnit> RequireUnitAsync(Ledger ledger, string gtin, string serial)
    {
        var reference = new UnitRef(gtin, serial).Normalize("unit");
        return ledger.RequireAsync<SerializedUnit>(Keys.Unit(reference.Gtin, reference.Serial), "Unit", reference.ToString());
    }

    private static object UnitEvent(string bizStep, SerializedUnit unit) =>
        new { bizStep, disposition = unit.Status, unit.Gtin, unit.Serial, unit.Lot, owner = unit.Owner };
}
