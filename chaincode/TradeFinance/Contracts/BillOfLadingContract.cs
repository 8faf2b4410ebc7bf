using Fabric.Chaincode.Contracts;
using TradeFinance.Contracts.Internal;
using TradeFinance.Domain.BillsOfLading;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Configuration;

namespace TradeFinance.Contracts;

/// <summary>
/// Electronic bills of lading after the DCSA eBL 3.0 model. The transport document arrives as transient data and
/// is kept in the transport documents collection (banks and carrier); public state holds the bill's kind, status,
/// holder, parties' IDs, salted hash and the endorsement chain.
/// </summary>
[Contract(Name = "BillOfLading", Title = "Electronic bills of lading (DCSA eBL)")]
public sealed class BillOfLadingContract : Contract
{
    /// <summary>
    /// A carrier officer issues an eB/L to its shipper. Transient: <c>document</c> (DCSA transport document JSON),
    /// <c>salt</c> (16+ random bytes).
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<BillOfLadingRecord> IssueAsync(
        ChaincodeContext context, string billOfLadingId, [Transient] TransportDocument document, [Transient] byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new TradeLedger(context);
        var configuration = await ledger.GetConfigurationAsync().ConfigureAwait(false);
        ledger.Caller.RequireOfficer(configuration, TradeRole.Carrier);
        SaltedHash.RequireSalt(salt, "salt");
        var issued = BillOfLadingRules.Issue(billOfLadingId, document, salt, ledger.Caller.MspId, ledger.Now, ledger.TxId);
        if (await ledger.FindAsync<BillOfLadingRecord>(TradeKeys.BillOfLading, billOfLadingId).ConfigureAwait(false) is not null)
        {
            throw TradeErrors.Conflict($"eB/L '{billOfLadingId}' already exists.");
        }

        await ledger.PutPrivateAsync(configuration.DocumentCollection, issued.Private, TradeKeys.BillOfLading, billOfLadingId).ConfigureAwait(false);
        return await SaveAsync(context, ledger, new BillOfLadingRules.Change(issued.Record, issued.Entry), TradeEvents.BillIssued).ConfigureAwait(false);
    }

    /// <summary>
    /// The holder (identified by its certificate) passes the eB/L on: <c>action</c> Endorse, EndorseToOrder,
    /// BlankEndorse or Transfer; <c>recipient</c> JSON <c>{"mspId":...,"companyId":...}</c>.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<BillOfLadingRecord> TransferAsync(ChaincodeContext context, string billOfLadingId, EndorsementAction action, Party recipient)
    {
        var (ledger, record) = await LoadAsync(context, billOfLadingId).ConfigureAwait(false);
        var change = BillOfLadingRules.Transfer(record, ledger.Caller.AsParty(), action, recipient, ledger.Now, ledger.TxId);
        return await SaveAsync(context, ledger, change, TradeEvents.BillTransferred).ConfigureAwait(false);
    }

    /// <summary>The holder surrenders the eB/L to the carrier: <c>reason</c> Delivery or Amendment.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<BillOfLadingRecord> RequestSurrenderAsync(ChaincodeContext context, string billOfLadingId, SurrenderReason reason)
    {
        var (ledger, record) = await LoadAsync(context, billOfLadingId).ConfigureAwait(false);
        if (!Enum.IsDefined(reason))
        {
            throw TradeErrors.Invalid("reason", "must be Delivery or Amendment.");
        }

        var change = BillOfLadingRules.RequestSurrender(record, ledger.Caller.AsParty(), reason == SurrenderReason.Amendment, ledger.Now, ledger.TxId);
        return await SaveAsync(context, ledger, change, TradeEvents.SurrenderRequested).ConfigureAwait(false);
    }

    /// <summary>An officer of the issuing carrier accepts a pending surrender.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<BillOfLadingRecord> AcceptSurrenderAsync(ChaincodeContext context, string billOfLadingId)
    {
        var (ledger, record) = await LoadAsync(context, billOfLadingId).ConfigureAwait(false);
        ledger.Caller.RequireOfficerOf(record.CarrierMspId, "the carrier");
        var change = BillOfLadingRules.AcceptSurrender(record, ledger.Now, ledger.TxId);
        return await SaveAsync(context, ledger, change, TradeEvents.SurrenderAccepted).ConfigureAwait(false);
    }

    /// <summary>An officer of the issuing carrier rejects a pending surrender; the eB/L is ISSUED again.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<BillOfLadingRecord> RejectSurrenderAsync(ChaincodeContext context, string billOfLadingId)
    {
        var (ledger, record) = await LoadAsync(context, billOfLadingId).ConfigureAwait(false);
        ledger.Caller.RequireOfficerOf(record.CarrierMspId, "the carrier");
        var change = BillOfLadingRules.RejectSurrender(record, ledger.Now, ledger.TxId);
        return await SaveAsync(context, ledger, change, TradeEvents.SurrenderRejected).ConfigureAwait(false);
    }

    /// <summary>An officer of the issuing carrier voids an eB/L surrendered for amendment, or one still held by its shipper.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<BillOfLadingRecord> VoidAsync(ChaincodeContext context, string billOfLadingId)
    {
        var (ledger, record) = await LoadAsync(context, billOfLadingId).ConfigureAwait(false);
        ledger.Caller.RequireOfficerOf(record.CarrierMspId, "the carrier");
        var change = BillOfLadingRules.Void(record, ledger.Now, ledger.TxId);
        return await SaveAsync(context, ledger, change, TradeEvents.BillVoided).ConfigureAwait(false);
    }

    /// <summary>The public record of an eB/L: status, holder, parties' IDs, document hash.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<BillOfLadingRecord> GetAsync(ChaincodeContext context, string billOfLadingId) =>
        (await LoadAsync(context, billOfLadingId).ConfigureAwait(false)).Record;

    /// <summary>The transport document, its salt and DCSA checksum: for officers of the banks and carriers, the holder, shipper and consignee.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<BillOfLadingPrivateData> GetDocumentAsync(ChaincodeContext context, string billOfLadingId)
    {
        var (ledger, record) = await LoadAsync(context, billOfLadingId).ConfigureAwait(false);
        var configuration = await ledger.GetConfigurationAsync().ConfigureAwait(false);
        var caller = ledger.Caller;
        var isOfficer = caller.Role == TradeRoles.Officer && configuration.Organizations.Contains(caller.MspId, StringComparer.Ordinal);
        if (!isOfficer)
        {
            var party = caller.AsParty();
            if (party != record.Holder && party != record.Shipper && party != record.Consignee)
            {
                throw TradeErrors.Forbidden($"Only the holder, shipper or consignee of eB/L '{billOfLadingId}', or an officer of a bank or carrier, may read its document.");
            }
        }

        return await ledger.GetPrivateAsync<BillOfLadingPrivateData>(configuration.DocumentCollection, "eB/L", TradeKeys.BillOfLading, billOfLadingId)
            .ConfigureAwait(false);
    }

    /// <summary>The endorsement chain, oldest first: who did what to whom, when, in which transaction.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<List<EndorsementEntry>> GetEndorsementChainAsync(ChaincodeContext context, string billOfLadingId)
    {
        var (ledger, _) = await LoadAsync(context, billOfLadingId).ConfigureAwait(false);
        return await ledger.ListAsync<EndorsementEntry>(TradeKeys.Endorsement, billOfLadingId).ConfigureAwait(false);
    }

    private static async Task<(TradeLedger Ledger, BillOfLadingRecord Record)> LoadAsync(ChaincodeContext context, string billOfLadingId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new TradeLedger(context);
        Identifiers.Require(billOfLadingId, "billOfLadingId");
        return (ledger, await ledger.GetAsync<BillOfLadingRecord>("eB/L", TradeKeys.BillOfLading, billOfLadingId).ConfigureAwait(false));
    }

    private static async Task<BillOfLadingRecord> SaveAsync(ChaincodeContext context, TradeLedger ledger, BillOfLadingRules.Change change, string eventName)
    {
        var record = change.Record;
        await ledger.PutAsync(record, TradeKeys.BillOfLading, record.BillOfLadingId).ConfigureAwait(false);
        await ledger.PutAsync(change.Entry, TradeKeys.Endorsement, record.BillOfLadingId, TradeKeys.Sequence(change.Entry.Sequence)).ConfigureAwait(false);
        ledger.Emit(eventName, new BillOfLadingEvent(record.BillOfLadingId, record.Status, record.Holder, change.Entry.Action, change.Entry.Sequence, ledger.TxId));
        TradeLog.BillChanged(context.Logger, record.BillOfLadingId, change.Entry.Action, record.Status, record.Holder, ledger.TxId);
        return record;
    }
}

/// <summary>Why the holder surrenders an eB/L.</summary>
public enum SurrenderReason
{
    /// <summary>To take delivery of the goods.</summary>
    Delivery,

    /// <summary>To have the carrier amend it (the amended bill replaces it).</summary>
    Amendment,
}
