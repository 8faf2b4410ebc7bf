using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>Recalls by lot: every unit of the lot becomes recalled and can no longer be shipped, packed, received or dispensed.</summary>
[Contract(Name = "Recalls", Title = "Lot recalls")]
internal sealed class RecallsContract : PharmaContract
{
    /// <summary>Recalls a lot of one of the caller's products.</summary>
    [Transaction]
    public async Task<LotRecall> RecallLotAsync(ChaincodeContext context, string gtin, string lot, string recallClass)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Quality, OrganizationRole.Manufacturer).ConfigureAwait(false);
        gtin = Gs1.NormalizeGtin(gtin);
        lot = Gs1.ValidateLot(lot);
        recallClass = LotRecall.ValidateClass(recallClass);
        await ProductsContract.RequireOwnProductAsync(ledger, gtin, caller.MspId).ConfigureAwait(false);
        if (await ledger.ExistsAsync(Keys.Recall(gtin, lot)).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Lot {lot} of product {gtin} is already recalled.");
        }

        var affected = new List<SerializedUnit>();
        await foreach (var attributes in ledger.ScanKeysAsync(Keys.LotUnitType, gtin, lot).ConfigureAwait(false))
        {
            var unit = await ledger.GetAsync<SerializedUnit>(Keys.Unit(gtin, attributes[2])).ConfigureAwait(false);
            if (unit is not null && UnitLifecycle.IsAffectedByRecall(unit))
            {
                affected.Add(UnitLifecycle.Recall(unit, ledger.Now));
            }
        }

        await UnitStore.SaveAsync(ledger, affected).ConfigureAwait(false);
        var recall = new LotRecall(gtin, lot, recallClass, caller.MspId, ledger.Now, affected.Count);
        await ledger.PutAsync(Keys.Recall(gtin, lot), recall).ConfigureAwait(false);
        PharmaLog.LotRecalled(context.Logger, gtin, lot, recallClass, affected.Count);
        ledger.Emit(EventNames.LotRecalled, new
        {
            bizStep = BusinessStep.Recalling,
            disposition = Disposition.Recalled,
            gtin,
            lot,
            recallClass,
            unitsAffected = affected.Count,
        });
        return recall;
    }

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<LotRecall> GetAsync(ChaincodeContext context, string gtin, string lot)
    {
        await Access.RequireMemberAsync(context, Ledger).ConfigureAwait(false);
        gtin = Gs1.NormalizeGtin(gtin);
        lot = Gs1.ValidateLot(lot);
        return await Ledger.RequireAsync<LotRecall>(Keys.Recall(gtin, lot), "Recall of lot", $"{gtin}/{lot}").ConfigureAwait(false);
    }
}
