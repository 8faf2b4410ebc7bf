using Fabric.Gateway.Api.Endpoints.Internal;

namespace Fabric.Gateway.Api.Endpoints.Trade;

/// <summary>
/// The transport document of an electronic bill of lading (DCSA eBL 3.0 subset); private: sent to the chaincode
/// as transient data <c>document</c>. Rules between fields (a straight bill names a consignee with a ledger
/// identity, container check digits, the shipped-on-board date not in the future) are the chaincode's.
/// </summary>
public sealed record TransportDocumentInput
{
    /// <summary>BOL (a document of title) or SWB (sea waybill).</summary>
    public TransportDocumentType? TransportDocumentTypeCode { get; init; }

    /// <summary>True for an order bill (negotiable by endorsement).</summary>
    public bool IsToOrder { get; init; }

    public DocumentPartyInput? Shipper { get; init; }

    public DocumentPartyInput? Consignee { get; init; }

    public DocumentPartyInput? NotifyParty { get; init; }

    public string? CarrierBookingReference { get; init; }

    public string? VesselName { get; init; }

    public string? CarrierExportVoyageNumber { get; init; }

    /// <summary>UN/LOCODE.</summary>
    public string? PortOfLoading { get; init; }

    /// <summary>UN/LOCODE.</summary>
    public string? PortOfDischarge { get; init; }

    public DateOnly? ShippedOnBoardDate { get; init; }

    public IReadOnlyList<ConsignmentItemInput?>? ConsignmentItems { get; init; }

    public IReadOnlyList<TransportEquipmentInput?>? UtilizedTransportEquipments { get; init; }

    internal void Validate(RequestErrors errors, string prefix)
    {
        errors.Present(TransportDocumentTypeCode, $"{prefix}.transportDocumentTypeCode");
        if (errors.Present(Shipper, $"{prefix}.shipper"))
        {
            Shipper!.Validate(errors, $"{prefix}.shipper");
        }

        Consignee?.Validate(errors, $"{prefix}.consignee");
        NotifyParty?.Validate(errors, $"{prefix}.notifyParty");
        errors.Text(CarrierBookingReference, $"{prefix}.carrierBookingReference", 35);
        errors.Text(VesselName, $"{prefix}.vesselName", 35);
        errors.Text(CarrierExportVoyageNumber, $"{prefix}.carrierExportVoyageNumber", 50);
        errors.Required(PortOfLoading, $"{prefix}.portOfLoading", Formats.UnLocode);
        errors.Required(PortOfDischarge, $"{prefix}.portOfDischarge", Formats.UnLocode);
        errors.Present(ShippedOnBoardDate, $"{prefix}.shippedOnBoardDate");
        errors.List(ConsignmentItems, $"{prefix}.consignmentItems", 1, 1000, (item, field) =>
        {
            errors.Text(item.DescriptionOfGoods, $"{field}.descriptionOfGoods", 5000);
            errors.Positive(item.NumberOfPackages, $"{field}.numberOfPackages");
            errors.Positive(item.GrossWeightKilograms, $"{field}.grossWeightKilograms");
        });
        errors.List(UtilizedTransportEquipments, $"{prefix}.utilizedTransportEquipments", 0, 1000, (equipment, field) =>
        {
            errors.Text(equipment.EquipmentReference, $"{field}.equipmentReference", 11);
            errors.OptionalText(equipment.SealNumber, $"{field}.sealNumber", CreditTermsInput.MaxLineLength);
        });
    }
}

/// <summary>A party named on the document; <see cref="Party"/> is its ledger identity, when it must act on the eB/L.</summary>
public sealed record DocumentPartyInput(string? PartyName, string? Address, PartyInput? Party)
{
    internal void Validate(RequestErrors errors, string field)
    {
        errors.Text(PartyName, $"{field}.partyName", 70);
        errors.OptionalText(Address, $"{field}.address", CreditTermsInput.MaxTextLength);
        Party?.Validate(errors, $"{field}.party");
    }
}

/// <summary>A ledger identity: an organization (MSP ID), or a company acting under it.</summary>
public sealed record PartyInput(string? MspId, string? CompanyId)
{
    internal void Validate(RequestErrors errors, string field)
    {
        errors.Required(MspId, $"{field}.mspId", Formats.TradeId);
        errors.Optional(CompanyId, $"{field}.companyId", Formats.TradeId);
    }
}

/// <summary>One line of cargo.</summary>
public sealed record ConsignmentItemInput(string? DescriptionOfGoods, int NumberOfPackages, long GrossWeightKilograms);

/// <summary>One container (ISO 6346 number) and its seal.</summary>
public sealed record TransportEquipmentInput(string? EquipmentReference, string? SealNumber);

/// <summary>DCSA transportDocumentTypeCode.</summary>
public enum TransportDocumentType
{
    /// <summary>Bill of lading.</summary>
    BOL = 1,

    /// <summary>Sea waybill.</summary>
    SWB = 2,
}
