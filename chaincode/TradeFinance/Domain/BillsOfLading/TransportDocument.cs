using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.BillsOfLading;

/// <summary>
/// The transport document of an electronic bill of lading, after the DCSA eBL 3.0 model (the subset the credit
/// process needs). It is private: it lives in the transport documents collection (the banks and the carrier), and
/// public state holds its salted hash. DCSA's checksum, the SHA-256 of this document's canonical JSON, is kept
/// with it.
/// </summary>
public sealed record TransportDocument
{
    /// <summary>BOL (bill of lading, a document of title) or SWB (sea waybill, never negotiable).</summary>
    public TransportDocumentType TransportDocumentTypeCode { get; init; }

    /// <summary>True for an order bill (negotiable by endorsement); false for a straight bill to a named consignee.</summary>
    public bool IsToOrder { get; init; }

    /// <summary>The shipper: the first holder of the eB/L.</summary>
    public DocumentParty? Shipper { get; init; }

    /// <summary>The consignee: required for a straight bill, optional for an order bill ("to order of ...").</summary>
    public DocumentParty? Consignee { get; init; }

    /// <summary>Who the carrier notifies on arrival (optional; needs no ledger identity).</summary>
    public DocumentParty? NotifyParty { get; init; }

    public string? CarrierBookingReference { get; init; }

    public string? VesselName { get; init; }

    public string? CarrierExportVoyageNumber { get; init; }

    /// <summary>UN/LOCODE of the port of loading.</summary>
    public string? PortOfLoading { get; init; }

    /// <summary>UN/LOCODE of the port of discharge.</summary>
    public string? PortOfDischarge { get; init; }

    /// <summary>The shipped-on-board date: the date of shipment for UCP 600 Art. 20(a)(ii).</summary>
    public DateOnly ShippedOnBoardDate { get; init; }

    public IReadOnlyList<ConsignmentItem>? ConsignmentItems { get; init; }

    public IReadOnlyList<UtilizedTransportEquipment>? UtilizedTransportEquipments { get; init; }
}

/// <summary>DCSA transportDocumentTypeCode.</summary>
public enum TransportDocumentType
{
    Unspecified,

    /// <summary>Bill of lading.</summary>
    BOL,

    /// <summary>Sea waybill: a receipt and contract of carriage, not a document of title.</summary>
    SWB,
}

/// <summary>
/// A party named on the document. <see cref="Party"/> is its ledger identity (organization and company ID), needed
/// for the shipper and the consignee of a straight bill, who must be able to act on the eB/L.
/// </summary>
public sealed record DocumentParty(string? PartyName, string? Address, Party? Party);

/// <summary>One line of cargo.</summary>
public sealed record ConsignmentItem(string? DescriptionOfGoods, int NumberOfPackages, long GrossWeightKilograms);

/// <summary>One container and its seal.</summary>
public sealed record UtilizedTransportEquipment(string? EquipmentReference, string? SealNumber);
