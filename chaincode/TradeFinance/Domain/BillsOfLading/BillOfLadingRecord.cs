using System.Text.Json.Serialization;
using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.BillsOfLading;

/// <summary>
/// The public state of an eB/L: its kind, status and current holder (exactly one), the parties' IDs, the
/// document's salted hash. The document itself (goods, addresses, vessel) is private.
/// </summary>
public sealed record BillOfLadingRecord
{
    /// <summary>The transport document reference.</summary>
    public required string BillOfLadingId { get; init; }

    public required TransportDocumentType DocumentType { get; init; }

    public required bool IsToOrder { get; init; }

    /// <summary>True once blank-endorsed: the bill then passes to the next holder by transfer alone (a bearer bill).</summary>
    public bool IsBlankEndorsed { get; init; }

    public required BillOfLadingStatus Status { get; init; }

    /// <summary>The one party that holds the eB/L now.</summary>
    public required Party Holder { get; init; }

    /// <summary>The carrier organization that issued it.</summary>
    public required string CarrierMspId { get; init; }

    public required Party Shipper { get; init; }

    /// <summary>The named consignee of a straight bill (null for an order bill without one).</summary>
    public Party? Consignee { get; init; }

    /// <summary>The party named by the last endorsement, if any.</summary>
    public Party? Endorsee { get; init; }

    /// <summary>The presentation under a credit that holds the eB/L: while set, the holder cannot transfer or surrender it.</summary>
    public PresentationReference? PresentedUnder { get; init; }

    /// <summary>SHA-256(salt || canonical document), safe to publish.</summary>
    public required string DocumentHash { get; init; }

    /// <summary>How many entries the endorsement chain has (the issue is the first).</summary>
    public required int ChainLength { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>DCSA eBL states, written in JSON with DCSA's names (ISSUED, PENDING_SURRENDER_FOR_DELIVERY, ...).</summary>
public enum BillOfLadingStatus
{
    [JsonStringEnumMemberName("ISSUED")]
    Issued,

    [JsonStringEnumMemberName("PENDING_SURRENDER_FOR_DELIVERY")]
    PendingSurrenderForDelivery,

    [JsonStringEnumMemberName("PENDING_SURRENDER_FOR_AMENDMENT")]
    PendingSurrenderForAmendment,

    [JsonStringEnumMemberName("SURRENDERED_FOR_DELIVERY")]
    SurrenderedForDelivery,

    [JsonStringEnumMemberName("SURRENDERED_FOR_AMENDMENT")]
    SurrenderedForAmendment,

    [JsonStringEnumMemberName("VOID")]
    Void,
}

/// <summary>
/// The private record of an eB/L in the transport documents collection: the document, the salt of its public hash,
/// and DCSA's checksum (SHA-256 of the canonical document, unsalted, so it stays private: it would confirm guesses).
/// </summary>
public sealed record BillOfLadingPrivateData(byte[] Salt, TransportDocument Document, string DocumentChecksum);

/// <summary>A presentation under a credit.</summary>
public sealed record PresentationReference(string CreditId, string PresentationId);
