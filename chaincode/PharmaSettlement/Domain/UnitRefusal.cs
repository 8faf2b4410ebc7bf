using System.Text.Json.Serialization;

namespace PharmaSettlement.Domain;

/// <summary>Why a unit cannot take part in a step (shipping, receiving, packing, dispensing...).</summary>
internal enum UnitRefusalReason
{
    [JsonStringEnumMemberName("not_found")]
    NotFound,

    [JsonStringEnumMemberName("not_owned_by_sender")]
    NotOwnedBySender,

    [JsonStringEnumMemberName("recalled")]
    Recalled,

    [JsonStringEnumMemberName("dispensed")]
    Dispensed,

    [JsonStringEnumMemberName("destroyed")]
    Destroyed,

    [JsonStringEnumMemberName("in_transit")]
    InTransit,

    [JsonStringEnumMemberName("returned_not_verified")]
    ReturnedNotVerified,

    [JsonStringEnumMemberName("expired")]
    Expired,

    [JsonStringEnumMemberName("packed_in_case")]
    PackedInCase,

    [JsonStringEnumMemberName("not_in_shipment")]
    NotInShipment,

    [JsonStringEnumMemberName("not_returned")]
    NotReturned,

    [JsonStringEnumMemberName("case_refused")]
    CaseRefused,
}

/// <summary>A unit that was refused, and why (no prices: safe for events and messages).</summary>
internal sealed record UnitRefusal(string Gtin, string Serial, UnitRefusalReason Reason)
{
    public string Describe() => $"unit {Gtin}/{Serial} is refused: {Reason switch
    {
        UnitRefusalReason.NotFound => "it was never commissioned",
        UnitRefusalReason.NotOwnedBySender => "it is not owned by the sender",
        UnitRefusalReason.Recalled => "its lot is recalled",
        UnitRefusalReason.Dispensed => "it was already dispensed",
        UnitRefusalReason.Destroyed => "it was decommissioned",
        UnitRefusalReason.InTransit => "it is in transit on another shipment",
        UnitRefusalReason.ReturnedNotVerified => "it was returned and has not been verified and reinstated",
        UnitRefusalReason.Expired => "it is past its expiry date",
        UnitRefusalReason.PackedInCase => "it is packed in a case (ship or unpack the case)",
        UnitRefusalReason.NotInShipment => "it is not part of this shipment",
        UnitRefusalReason.NotReturned => "it is not a returned unit",
        UnitRefusalReason.CaseRefused => "another unit of its case was refused",
        _ => Reason.ToString(),
    }}";
}
