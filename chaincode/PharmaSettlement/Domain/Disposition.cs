using System.Text.Json.Serialization;

namespace PharmaSettlement.Domain;

/// <summary>The state of a serialized unit or case, named after GS1 CBV dispositions.</summary>
internal enum Disposition
{
    /// <summary>Commissioned and saleable at its owner.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Shipped, not yet received: the sender still owns it.</summary>
    [JsonStringEnumMemberName("in_transit")]
    InTransit,

    /// <summary>Dispensed to a patient (final).</summary>
    [JsonStringEnumMemberName("dispensed")]
    Dispensed,

    /// <summary>Its lot was recalled: it may not be shipped, packed or dispensed any more.</summary>
    [JsonStringEnumMemberName("recalled")]
    Recalled,

    /// <summary>Received back on a return shipment; must be verified (reinstated) before it is sold again.</summary>
    [JsonStringEnumMemberName("returned")]
    Returned,

    /// <summary>Decommissioned (final).</summary>
    [JsonStringEnumMemberName("destroyed")]
    Destroyed,
}

/// <summary>GS1 CBV business steps used in the events of units and cases.</summary>
internal static class BusinessStep
{
    public const string Commissioning = "commissioning";
    public const string Packing = "packing";
    public const string Unpacking = "unpacking";
    public const string Shipping = "shipping";
    public const string Receiving = "receiving";
    public const string Dispensing = "dispensing";
    public const string Decommissioning = "decommissioning";
    public const string Recalling = "recalling";
    public const string Inspecting = "inspecting";
}
