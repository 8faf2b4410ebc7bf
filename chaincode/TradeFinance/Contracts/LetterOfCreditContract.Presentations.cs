using Fabric.Chaincode.Contracts;
using TradeFinance.Contracts.Internal;
using TradeFinance.Domain.BillsOfLading;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Contracts;

/// <summary>
/// Presentation, examination (Art. 14), honour, refusal (Art. 16), waiver and reimbursement. The eB/L presented is
/// held under the presentation; its title passes to the issuing bank on honour and to the applicant on reimbursement.
/// </summary>
public sealed partial class LetterOfCreditContract
{
    /// <summary>
    /// The beneficiary, holder of the eB/L, presents documents through its bank. Transient: <c>claim</c>
    /// (<c>{"amount":..., "documents":[{"kind":"CommercialInvoice","sha256":"..."}]}</c>), <c>salt</c>.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Presentation> PresentAsync(
        ChaincodeContext context, string creditId, string presentationId, string billOfLadingId,
        [Transient] PresentationClaim claim, [Transient] byte[] salt)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireBeneficiaryOf(credit);
        SaltedHash.RequireSalt(salt, "salt");
        Identifiers.Require(presentationId, "presentationId");
        Identifiers.Require(billOfLadingId, "billOfLadingId");
        if (await ledger.FindAsync<Presentation>(TradeKeys.Presentation, creditId, presentationId).ConfigureAwait(false) is not null)
        {
            throw TradeErrors.Conflict($"Presentation '{presentationId}' of credit '{creditId}' already exists.");
        }

        var bill = await ledger.GetAsync<BillOfLadingRecord>("eB/L", TradeKeys.BillOfLading, billOfLadingId).ConfigureAwait(false);
        var document = await ledger.GetPrivateAsync<BillOfLadingPrivateData>(configuration.DocumentCollection, "eB/L", TradeKeys.BillOfLading, billOfLadingId)
            .ConfigureAwait(false);
        var data = await GetCreditPrivateAsync(ledger, configuration, creditId).ConfigureAwait(false);
        var shipment = new ShipmentEvidence(
            billOfLadingId, document.Document.ShippedOnBoardDate, document.Document.PortOfLoading!, document.Document.PortOfDischarge!);

        var presented = PresentationRules.Present(credit, data, presentationId, claim, salt, shipment, configuration.CreateCalendar(), ledger.Now);
        var held = BillOfLadingRules.HoldForPresentation(bill, ledger.Caller.AsParty(), new PresentationReference(creditId, presentationId), ledger.Now);

        await ledger.PutAsync(held, TradeKeys.BillOfLading, billOfLadingId).ConfigureAwait(false);
        await ledger.PutPrivateAsync(configuration.CreditCollection, presented.Private, TradeKeys.Presentation, creditId, presentationId).ConfigureAwait(false);
        await ledger.RequireEndorsementAsync([credit.IssuingBankMspId, credit.AdvisingBankMspId], TradeKeys.Presentation, creditId, presentationId)
            .ConfigureAwait(false);
        return await SavePresentationAsync(context, ledger, credit, presented.Presentation, TradeEvents.DocumentsPresented).ConfigureAwait(false);
    }

    /// <summary>
    /// An issuing bank officer honours: the drawing reduces the balance, and the eB/L's title passes to the issuing
    /// bank. Discrepant documents need a refusal and a waiver first, unless the examination period has passed.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Presentation> HonourAsync(ChaincodeContext context, string creditId, string presentationId)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireOfficerOf(credit.IssuingBankMspId, "the issuing bank");
        var presentation = await GetPresentationRecordAsync(ledger, creditId, presentationId).ConfigureAwait(false);
        var details = await GetPresentationPrivateAsync(ledger, configuration.CreditCollection, creditId, presentationId).ConfigureAwait(false);
        var data = await GetCreditPrivateAsync(ledger, configuration, creditId).ConfigureAwait(false);
        var bill = await ledger.GetAsync<BillOfLadingRecord>("eB/L", TradeKeys.BillOfLading, presentation.BillOfLadingId).ConfigureAwait(false);

        var honoured = PresentationRules.Honour(credit, data, presentation, details, ledger.Now);
        var title = BillOfLadingRules.PassTitle(
            bill, new PresentationReference(creditId, presentationId), new Party(credit.IssuingBankMspId), EndorsementAction.TransferOnHonour,
            release: false, ledger.Now, ledger.TxId);

        await SaveBillChangeAsync(ledger, title).ConfigureAwait(false);
        await ledger.PutPrivateAsync(configuration.CreditCollection, honoured.CreditPrivate, TradeKeys.Credit, creditId).ConfigureAwait(false);
        await ledger.PutAsync(honoured.Credit, TradeKeys.Credit, creditId).ConfigureAwait(false);
        return await SavePresentationAsync(context, ledger, honoured.Credit, honoured.Presentation, TradeEvents.PresentationHonoured).ConfigureAwait(false);
    }

    /// <summary>
    /// An issuing bank officer refuses with a single notice (Art. 16(c)) within five banking days. Transient:
    /// <c>notice</c> (<c>{"discrepancies":[{"code":...,"description":...}],"disposal":"HoldingPendingWaiver"}</c>);
    /// the chaincode adds the discrepancies it detected. Returned documents free the eB/L.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Presentation> RefuseAsync(ChaincodeContext context, string creditId, string presentationId, [Transient] RefusalNotice notice)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireOfficerOf(credit.IssuingBankMspId, "the issuing bank");
        var presentation = await GetPresentationRecordAsync(ledger, creditId, presentationId).ConfigureAwait(false);
        var details = await GetPresentationPrivateAsync(ledger, configuration.CreditCollection, creditId, presentationId).ConfigureAwait(false);

        var (refused, refusedDetails) = PresentationRules.Refuse(presentation, details, notice, ledger.Now);
        if (refused.Disposal == DocumentDisposal.ReturningDocuments)
        {
            var bill = await ledger.GetAsync<BillOfLadingRecord>("eB/L", TradeKeys.BillOfLading, presentation.BillOfLadingId).ConfigureAwait(false);
            await ledger.PutAsync(BillOfLadingRules.Release(bill, ledger.Now), TradeKeys.BillOfLading, bill.BillOfLadingId).ConfigureAwait(false);
        }

        await ledger.PutPrivateAsync(configuration.CreditCollection, refusedDetails, TradeKeys.Presentation, creditId, presentationId).ConfigureAwait(false);
        return await SavePresentationAsync(context, ledger, credit, refused, TradeEvents.PresentationRefused).ConfigureAwait(false);
    }

    /// <summary>The applicant waives the discrepancies of a refused presentation whose documents the bank still holds (Art. 16(b)).</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Presentation> WaiveDiscrepanciesAsync(ChaincodeContext context, string creditId, string presentationId)
    {
        var (ledger, _, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireApplicantOf(credit);
        var presentation = await GetPresentationRecordAsync(ledger, creditId, presentationId).ConfigureAwait(false);
        var waived = PresentationRules.Waive(presentation, ledger.Now);
        return await SavePresentationAsync(context, ledger, credit, waived, TradeEvents.DiscrepanciesWaived).ConfigureAwait(false);
    }

    /// <summary>An issuing bank officer records that the applicant reimbursed it; the eB/L's title passes to the applicant.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Presentation> RecordReimbursementAsync(ChaincodeContext context, string creditId, string presentationId)
    {
        var (ledger, _, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireOfficerOf(credit.IssuingBankMspId, "the issuing bank");
        var presentation = await GetPresentationRecordAsync(ledger, creditId, presentationId).ConfigureAwait(false);
        var bill = await ledger.GetAsync<BillOfLadingRecord>("eB/L", TradeKeys.BillOfLading, presentation.BillOfLadingId).ConfigureAwait(false);

        var reimbursed = PresentationRules.Reimburse(presentation, ledger.Now);
        var title = BillOfLadingRules.PassTitle(
            bill, new PresentationReference(creditId, presentationId), new Party(credit.IssuingBankMspId, credit.ApplicantCompanyId),
            EndorsementAction.TransferOnReimbursement, release: true, ledger.Now, ledger.TxId);

        await SaveBillChangeAsync(ledger, title).ConfigureAwait(false);
        return await SavePresentationAsync(context, ledger, credit, reimbursed, TradeEvents.ReimbursementRecorded).ConfigureAwait(false);
    }

    /// <summary>The public record of a presentation (status, deadline, discrepancy codes).</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public Task<Presentation> GetPresentationAsync(ChaincodeContext context, string creditId, string presentationId) =>
        GetPresentationRecordAsync(new TradeLedger(context), creditId, presentationId);

    /// <summary>Every presentation under a credit, in ID order.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public Task<List<Presentation>> ListPresentationsAsync(ChaincodeContext context, string creditId) =>
        new TradeLedger(context).ListAsync<Presentation>(TradeKeys.Presentation, Identifiers.Require(creditId, "creditId"));

    /// <summary>The claim, its salt and every discrepancy with its description: only for the credit's banks, applicant and beneficiary.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<PresentationPrivateData> GetPresentationDetailsAsync(ChaincodeContext context, string creditId, string presentationId)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequirePartyTo(credit);
        return await GetPresentationPrivateAsync(ledger, configuration.CreditCollection, creditId, presentationId).ConfigureAwait(false);
    }

    private static Task<Presentation> GetPresentationRecordAsync(TradeLedger ledger, string creditId, string presentationId) =>
        ledger.GetAsync<Presentation>("Presentation", TradeKeys.Presentation, creditId, Identifiers.Require(presentationId, "presentationId"));

    private static Task<PresentationPrivateData> GetPresentationPrivateAsync(TradeLedger ledger, string collection, string creditId, string presentationId) =>
        ledger.GetPrivateAsync<PresentationPrivateData>(collection, "presentation", TradeKeys.Presentation, creditId, presentationId);

    private static async Task SaveBillChangeAsync(TradeLedger ledger, BillOfLadingRules.Change change)
    {
        var id = change.Record.BillOfLadingId;
        await ledger.PutAsync(change.Record, TradeKeys.BillOfLading, id).ConfigureAwait(false);
        await ledger.PutAsync(change.Entry, TradeKeys.Endorsement, id, TradeKeys.Sequence(change.Entry.Sequence)).ConfigureAwait(false);
    }

    private static async Task<Presentation> SavePresentationAsync(
        ChaincodeContext context, TradeLedger ledger, LetterOfCredit credit, Presentation presentation, string eventName)
    {
        await ledger.PutAsync(presentation, TradeKeys.Presentation, presentation.CreditId, presentation.PresentationId).ConfigureAwait(false);
        var codes = presentation.Status == PresentationStatus.Refused ? presentation.RefusalDiscrepancies : presentation.DetectedDiscrepancies;
        ledger.Emit(eventName, new CreditEvent(
            credit.CreditId, credit.Status, ledger.TxId,
            PresentationId: presentation.PresentationId, PresentationStatus: presentation.Status,
            BillOfLadingId: presentation.BillOfLadingId, DiscrepancyCodes: codes));
        TradeLog.PresentationChanged(context.Logger, credit.CreditId, presentation.PresentationId, presentation.Status, ledger.TxId);
        return presentation;
    }
}
