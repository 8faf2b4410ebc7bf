namespace PharmaSettlement.Domain;

/// <summary>
/// The rules of a serialized unit's life. Transitions: active -> in_transit (ship) -> active or returned at the
/// receiver (receive); active -> dispensed; returned -> active (verified and reinstated); active, in_transit or
/// returned -> recalled (lot recall); anything not dispensed or in transit -> destroyed (decommission).
/// Dispensed and destroyed are final.
/// </summary>
internal static class UnitLifecycle
{
    /// <summary>Why <paramref name="unit"/> may not leave <paramref name="sender"/> on <paramref name="shipDate"/>, or null.</summary>
    /// <param name="viaCase">The case the unit is shipped in; null when it is shipped loose.</param>
    public static UnitRefusalReason? RefuseShipping(SerializedUnit unit, string sender, bool lotRecalled, DateOnly shipDate, string? viaCase = null)
    {
        if (unit.Owner != sender)
        {
            return UnitRefusalReason.NotOwnedBySender;
        }

        if (lotRecalled || unit.Status == Disposition.Recalled)
        {
            return UnitRefusalReason.Recalled;
        }

        var byStatus = RefuseUnlessActive(unit);
        if (byStatus is not null)
        {
            return byStatus;
        }

        if (unit.Expiry < shipDate)
        {
            return UnitRefusalReason.Expired;
        }

        return unit.CaseId == viaCase ? null : UnitRefusalReason.PackedInCase;
    }

    /// <summary>
    /// Why <paramref name="unit"/> may not be received from <paramref name="shipment"/>, or null. Checked again at
    /// receipt because a recall (or any other change) may have happened while the goods were on the road.
    /// </summary>
    public static UnitRefusalReason? RefuseReceiving(SerializedUnit unit, Shipment shipment, bool lotRecalled)
    {
        if (lotRecalled || unit.Status == Disposition.Recalled)
        {
            return UnitRefusalReason.Recalled;
        }

        if (unit.Status == Disposition.Dispensed)
        {
            return UnitRefusalReason.Dispensed;
        }

        if (unit.Status == Disposition.Destroyed)
        {
            return UnitRefusalReason.Destroyed;
        }

        if (unit.Owner != shipment.From)
        {
            return UnitRefusalReason.NotOwnedBySender;
        }

        return unit.Status == Disposition.InTransit && unit.ShipmentId == shipment.ShipmentId
            ? null
            : UnitRefusalReason.NotInShipment;
    }

    /// <summary>Why <paramref name="unit"/> may not be packed into a case by <paramref name="owner"/>, or null.</summary>
    public static UnitRefusalReason? RefusePacking(SerializedUnit unit, string owner, bool lotRecalled)
    {
        if (unit.Owner != owner)
        {
            return UnitRefusalReason.NotOwnedBySender;
        }

        if (lotRecalled || unit.Status == Disposition.Recalled)
        {
            return UnitRefusalReason.Recalled;
        }

        return RefuseUnlessActive(unit) ?? (unit.CaseId is null ? null : (UnitRefusalReason?)UnitRefusalReason.PackedInCase);
    }

    /// <summary>Why <paramref name="unit"/> may not be dispensed by <paramref name="owner"/> on <paramref name="date"/>, or null.</summary>
    public static UnitRefusalReason? RefuseDispensing(SerializedUnit unit, string owner, bool lotRecalled, DateOnly date)
    {
        if (unit.Owner != owner)
        {
            return UnitRefusalReason.NotOwnedBySender;
        }

        if (lotRecalled || unit.Status == Disposition.Recalled)
        {
            return UnitRefusalReason.Recalled;
        }

        return RefuseUnlessActive(unit)
            ?? (unit.Expiry < date ? UnitRefusalReason.Expired : (UnitRefusalReason?)null)
            ?? (unit.CaseId is null ? null : (UnitRefusalReason?)UnitRefusalReason.PackedInCase);
    }

    /// <summary>Why <paramref name="unit"/> may not be decommissioned by <paramref name="owner"/>, or null.</summary>
    public static UnitRefusalReason? RefuseDecommissioning(SerializedUnit unit, string owner) =>
        unit.Owner != owner ? (UnitRefusalReason?)UnitRefusalReason.NotOwnedBySender
        : unit.Status switch
        {
            Disposition.Dispensed => UnitRefusalReason.Dispensed,
            Disposition.Destroyed => UnitRefusalReason.Destroyed,
            Disposition.InTransit => UnitRefusalReason.InTransit,
            _ => unit.CaseId is null ? null : (UnitRefusalReason?)UnitRefusalReason.PackedInCase,
        };

    /// <summary>Why a returned unit may not be reinstated as saleable by <paramref name="owner"/>, or null.</summary>
    public static UnitRefusalReason? RefuseReinstating(SerializedUnit unit, string owner, bool lotRecalled, DateOnly date)
    {
        if (unit.Owner != owner)
        {
            return UnitRefusalReason.NotOwnedBySender;
        }

        if (lotRecalled || unit.Status == Disposition.Recalled)
        {
            return UnitRefusalReason.Recalled;
        }

        if (unit.Status != Disposition.Returned)
        {
            return unit.Status switch
            {
                Disposition.Dispensed => UnitRefusalReason.Dispensed,
                Disposition.Destroyed => UnitRefusalReason.Destroyed,
                Disposition.InTransit => UnitRefusalReason.InTransit,
                _ => UnitRefusalReason.NotReturned,
            };
        }

        return unit.Expiry < date ? UnitRefusalReason.Expired : null;
    }

    /// <summary>True when a recall of the unit's lot changes its disposition (units already dispensed or destroyed keep theirs).</summary>
    public static bool IsAffectedByRecall(SerializedUnit unit) =>
        unit.Status is Disposition.Active or Disposition.InTransit or Disposition.Returned;

    public static SerializedUnit Ship(SerializedUnit unit, string shipmentId, DateTimeOffset at) =>
        unit with { Status = Disposition.InTransit, ShipmentId = shipmentId, UpdatedAt = at };

    /// <summary>Ownership moves only here, at receipt; a return shipment leaves the unit to be verified.</summary>
    public static SerializedUnit Receive(SerializedUnit unit, string receiver, bool isReturn, DateTimeOffset at) =>
        unit with
        {
            Owner = receiver,
            Status = isReturn ? Disposition.Returned : Disposition.Active,
            ShipmentId = null,
            UpdatedAt = at,
        };

    public static SerializedUnit Recall(SerializedUnit unit, DateTimeOffset at) =>
        unit with { Status = Disposition.Recalled, UpdatedAt = at };

    public static SerializedUnit Dispense(SerializedUnit unit, DateTimeOffset at) =>
        unit with { Status = Disposition.Dispensed, UpdatedAt = at };

    public static SerializedUnit Decommission(SerializedUnit unit, DateTimeOffset at) =>
        unit with { Status = Disposition.Destroyed, UpdatedAt = at };

    public static SerializedUnit Reinstate(SerializedUnit unit, DateTimeOffset at) =>
        unit with { Status = Disposition.Active, UpdatedAt = at };

    private static UnitRefusalReason? RefuseUnlessActive(SerializedUnit unit) => unit.Status switch
    {
        Disposition.Active => null,
        Disposition.InTransit => UnitRefusalReason.InTransit,
        Disposition.Dispensed => UnitRefusalReason.Dispensed,
        Disposition.Destroyed => UnitRefusalReason.Destroyed,
        Disposition.Returned => UnitRefusalReason.ReturnedNotVerified,
        Disposition.Recalled => UnitRefusalReason.Recalled,
        _ => UnitRefusalReason.NotFound,
    };
}
