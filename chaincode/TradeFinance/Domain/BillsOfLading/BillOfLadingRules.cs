using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.BillsOfLading;

/// <summary>
/// The life of an eB/L after the DCSA eBL model: issue by the carrier; transfer by the current holder only
/// (endorsement of an order bill, transfer of a bearer or straight bill, never a sea waybill); surrender for
/// delivery or amendment, accepted or rejected by the carrier; void. Every change appends one link to the
/// endorsement chain, so the holder is always provable.
/// </summary>
public static class BillOfLadingRules
{
    /// <summary>A changed eB/L and the chain link that records the change.</summary>
    public sealed record Change(BillOfLadingRecord Record, EndorsementEntry Entry);

    /// <summary>An issued eB/L: its public record, private record and first chain link.</summary>
    public sealed record Issued(BillOfLadingRecord Record, BillOfLadingPrivateData Private, EndorsementEntry Entry);

    /// <summary>The carrier issues an eB/L; the shipper becomes its holder.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">400 for an invalid document.</exception>
    public static Issued Issue(string billOfLadingId, TransportDocument document, byte[] salt, string carrierMspId, DateTimeOffset now, string txId)
    {
        Identifiers.Require(billOfLadingId, "billOfLadingId");
        TransportDocumentValidator.Validate(document, DateOnly.FromDateTime(now.UtcDateTime));
        var shipper = document.Shipper!.Party!;
        var carrier = new Party(carrierMspId);
        var record = new BillOfLadingRecord
        {
            BillOfLadingId = billOfLadingId,
            DocumentType = document.TransportDocumentTypeCode,
            IsToOrder = document.IsToOrder,
            Status = BillOfLadingStatus.Issued,
            Holder = shipper,
            CarrierMspId = carrierMspId,
            Shipper = shipper,
            Consignee = document.Consignee?.Party,
            DocumentHash = SaltedHash.Compute(salt, document),
            ChainLength = 1,
            IssuedAt = now,
            UpdatedAt = now,
        };
        var entry = new EndorsementEntry(billOfLadingId, 1, EndorsementAction.Issue, carrier, shipper, now, txId);
        return new Issued(record, new BillOfLadingPrivateData(salt, document, SaltedHash.Checksum(document)), entry);
    }

    /// <summary>
    /// The holder passes the eB/L to <paramref name="recipient"/> by <paramref name="action"/>: Endorse,
    /// EndorseToOrder or BlankEndorse for an order bill; Transfer for a blank-endorsed (bearer) bill or a straight
    /// bill to its consignee.
    /// </summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">400 for a bad action or recipient; 403 when the actor is not the
    /// holder; 409 when the eB/L is not ISSUED (for example a surrender is pending) or is held under a presentation;
    /// 422 when the kind of bill does not allow the action.</exception>
    public static Change Transfer(BillOfLadingRecord record, Party actor, EndorsementAction action, Party recipient, DateTimeOffset now, string txId)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(actor);
        if (action is not (EndorsementAction.Endorse or EndorsementAction.EndorseToOrder or EndorsementAction.BlankEndorse or EndorsementAction.Transfer))
        {
            throw TradeErrors.Invalid("action", "must be Endorse, EndorseToOrder, BlankEndorse or Transfer.");
        }

        Party.Validate(recipient, "recipient");
        RequireActiveAndHeldBy(record, actor, "transfer");
        if (recipient == record.Holder)
        {
            throw TradeErrors.Invalid("recipient", "is already the holder.");
        }

        if (record.DocumentType == TransportDocumentType.SWB)
        {
            throw TradeErrors.Rule("DCSA eBL", $"'{record.BillOfLadingId}' is a sea waybill: not a document of title, it cannot be transferred.");
        }

        var endorsement = action != EndorsementAction.Transfer;
        if (!record.IsToOrder)
        {
            if (endorsement)
            {
                throw TradeErrors.Rule("DCSA eBL", $"'{record.BillOfLadingId}' is a straight bill: it cannot be endorsed.");
            }

            if (recipient != record.Consignee)
            {
                throw TradeErrors.Rule("DCSA eBL", $"'{record.BillOfLadingId}' is a straight bill: it can only be transferred to its named consignee.");
            }
        }
        else if (!endorsement && !record.IsBlankEndorsed)
        {
            throw TradeErrors.Rule("DCSA eBL", $"'{record.BillOfLadingId}' is an order bill: it passes by endorsement until endorsed in blank.");
        }

        var changed = record with
        {
            Holder = recipient,
            Endorsee = action switch
            {
                EndorsementAction.Endorse or EndorsementAction.EndorseToOrder => recipient,
                EndorsementAction.BlankEndorse => null,
                _ => record.Endorsee,
            },
            IsBlankEndorsed = action switch
            {
                EndorsementAction.BlankEndorse => true,
                EndorsementAction.Endorse or EndorsementAction.EndorseToOrder => false,
                _ => record.IsBlankEndorsed,
            },
        };
        return Append(changed, action, actor, recipient, now, txId);
    }

    /// <summary>The holder asks the carrier to take the eB/L back for delivery of the goods or for an amendment.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">403 unless the holder; 409 unless ISSUED and free.</exception>
    public static Change RequestSurrender(BillOfLadingRecord record, Party actor, bool forAmendment, DateTimeOffset now, string txId)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(actor);
        RequireActiveAndHeldBy(record, actor, "surrender");
        var changed = record with
        {
            Status = forAmendment ? BillOfLadingStatus.PendingSurrenderForAmendment : BillOfLadingStatus.PendingSurrenderForDelivery,
        };
        var action = forAmendment ? EndorsementAction.SurrenderForAmendment : EndorsementAction.SurrenderForDelivery;
        return Append(changed, action, actor, new Party(record.CarrierMspId), now, txId);
    }

    /// <summary>The carrier accepts a pending surrender: the eB/L is surrendered and the carrier holds it.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 unless a surrender is pending.</exception>
    public static Change AcceptSurrender(BillOfLadingRecord record, DateTimeOffset now, string txId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var status = record.Status switch
        {
            BillOfLadingStatus.PendingSurrenderForDelivery => BillOfLadingStatus.SurrenderedForDelivery,
            BillOfLadingStatus.PendingSurrenderForAmendment => BillOfLadingStatus.SurrenderedForAmendment,
            _ => throw NoPendingSurrender(record, "accept"),
        };
        var carrier = new Party(record.CarrierMspId);
        return Append(record with { Status = status, Holder = carrier }, EndorsementAction.SurrenderAccepted, carrier, record.Holder, now, txId);
    }

    /// <summary>The carrier rejects a pending surrender: the eB/L is ISSUED again and stays with its holder.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 unless a surrender is pending.</exception>
    public static Change RejectSurrender(BillOfLadingRecord record, DateTimeOffset now, string txId)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Status is not (BillOfLadingStatus.PendingSurrenderForDelivery or BillOfLadingStatus.PendingSurrenderForAmendment))
        {
            throw NoPendingSurrender(record, "reject");
        }

        return Append(record with { Status = BillOfLadingStatus.Issued }, EndorsementAction.SurrenderRejected, new Party(record.CarrierMspId), record.Holder, now, txId);
    }

    /// <summary>
    /// The carrier voids an eB/L: one surrendered for amendment (it is replaced by the amended one), or an issued one
    /// that never left the shipper (a carrier must not void a title someone else acquired).
    /// </summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 otherwise.</exception>
    public static Change Void(BillOfLadingRecord record, DateTimeOffset now, string txId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var allowed = record.Status == BillOfLadingStatus.SurrenderedForAmendment ||
                      (record.Status == BillOfLadingStatus.Issued && record.Holder == record.Shipper && record.PresentedUnder is null);
        if (!allowed)
        {
            throw TradeErrors.Conflict(
                $"eB/L '{record.BillOfLadingId}' is {record.Status} and held by {record.Holder}: only a bill surrendered for amendment, or an issued bill still held by its shipper, can be voided.");
        }

        var carrier = new Party(record.CarrierMspId);
        return Append(record with { Status = BillOfLadingStatus.Void, Holder = carrier }, EndorsementAction.Void, carrier, null, now, txId);
    }

    /// <summary>Holds the eB/L under a presentation: the holder can no longer transfer or surrender it.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">403 unless <paramref name="presenter"/> holds it; 409 unless ISSUED and free; 422 for a sea waybill.</exception>
    public static BillOfLadingRecord HoldForPresentation(BillOfLadingRecord record, Party presenter, PresentationReference presentation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        RequireActiveAndHeldBy(record, presenter, "present");
        if (!record.IsToOrder)
        {
            throw TradeErrors.Rule("UCP 600 Art. 20", $"'{record.BillOfLadingId}' is not an order bill: it carries no title the bank could take as security.");
        }

        return record with { PresentedUnder = presentation, UpdatedAt = now };
    }

    /// <summary>Frees the eB/L when the bank returns the documents of a refused presentation.</summary>
    public static BillOfLadingRecord Release(BillOfLadingRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with { PresentedUnder = null, UpdatedAt = now };
    }

    /// <summary>
    /// Passes title under a credit: to the issuing bank on honour, to the applicant on reimbursement (when it is
    /// freed again). The eB/L must be held under that presentation.
    /// </summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 unless ISSUED and held under <paramref name="presentation"/>.</exception>
    public static Change PassTitle(
        BillOfLadingRecord record, PresentationReference presentation, Party recipient, EndorsementAction action, bool release, DateTimeOffset now, string txId)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Status != BillOfLadingStatus.Issued || record.PresentedUnder != presentation)
        {
            throw TradeErrors.Conflict($"eB/L '{record.BillOfLadingId}' is {record.Status} and not held under presentation '{presentation.PresentationId}'.");
        }

        var changed = record with
        {
            Holder = recipient,
            Endorsee = recipient,
            IsBlankEndorsed = false,
            PresentedUnder = release ? null : presentation,
        };
        return Append(changed, action, record.Holder, recipient, now, txId);
    }

    private static void RequireActiveAndHeldBy(BillOfLadingRecord record, Party actor, string action)
    {
        if (record.Status is BillOfLadingStatus.PendingSurrenderForDelivery or BillOfLadingStatus.PendingSurrenderForAmendment)
        {
            throw TradeErrors.Conflict($"Cannot {action} eB/L '{record.BillOfLadingId}': a surrender is pending ({record.Status}).");
        }

        if (record.Status != BillOfLadingStatus.Issued)
        {
            throw TradeErrors.Conflict($"Cannot {action} eB/L '{record.BillOfLadingId}': it is {record.Status}.");
        }

        if (actor != record.Holder)
        {
            throw TradeErrors.Forbidden($"Only the holder of eB/L '{record.BillOfLadingId}' may {action} it.");
        }

        if (record.PresentedUnder is { } presented)
        {
            throw TradeErrors.Conflict(
                $"Cannot {action} eB/L '{record.BillOfLadingId}': it is held under presentation '{presented.PresentationId}' of credit '{presented.CreditId}'.");
        }
    }

    private static Change Append(BillOfLadingRecord record, EndorsementAction action, Party actor, Party? recipient, DateTimeOffset now, string txId)
    {
        var sequence = record.ChainLength + 1;
        return new Change(
            record with { ChainLength = sequence, UpdatedAt = now },
            new EndorsementEntry(record.BillOfLadingId, sequence, action, actor, recipient, now, txId));
    }

    private static Fabric.Chaincode.ChaincodeException NoPendingSurrender(BillOfLadingRecord record, string action) =>
        TradeErrors.Conflict($"Cannot {action} a surrender of eB/L '{record.BillOfLadingId}': it is {record.Status}, no surrender is pending.");
}
