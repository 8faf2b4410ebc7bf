using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.BillsOfLading;

/// <summary>
/// One link of an eB/L's endorsement chain: who did what, to whom, when, in which transaction. The chain starts with
/// the issue and its last link that moved possession names the current holder.
/// </summary>
public sealed record EndorsementEntry(
    string BillOfLadingId,
    int Sequence,
    EndorsementAction Action,
    Party Actor,
    Party? Recipient,
    DateTimeOffset Timestamp,
    string TxId);

/// <summary>What a link of the chain records (after DCSA's eBL action codes).</summary>
public enum EndorsementAction
{
    /// <summary>The carrier issued the eB/L to the shipper.</summary>
    Issue,

    /// <summary>The holder endorsed it to a named endorsee, who becomes the holder.</summary>
    Endorse,

    /// <summary>The holder endorsed it to the order of a named endorsee, who becomes the holder and may endorse on.</summary>
    EndorseToOrder,

    /// <summary>The holder endorsed it in blank (no endorsee named; it becomes a bearer bill) and handed it to the recipient.</summary>
    BlankEndorse,

    /// <summary>Possession passed without endorsement: a bearer (blank-endorsed) bill, or a straight bill to its consignee.</summary>
    Transfer,

    /// <summary>Title passed to the issuing bank when it honoured a presentation under a credit.</summary>
    TransferOnHonour,

    /// <summary>Title passed to the applicant when it reimbursed the issuing bank.</summary>
    TransferOnReimbursement,

    SurrenderForDelivery,

    SurrenderForAmendment,

    /// <summary>The carrier accepted the surrender; the carrier now holds the eB/L.</summary>
    SurrenderAccepted,

    /// <summary>The carrier rejected the surrender; the eB/L is ISSUED again with the same holder.</summary>
    SurrenderRejected,

    Void,
}
