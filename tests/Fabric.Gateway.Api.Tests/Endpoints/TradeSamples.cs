namespace Fabric.Gateway.Api.Tests.Endpoints;

/// <summary>Valid trade request bodies, as a bank's or carrier's back office would send them.</summary>
internal static class TradeSamples
{
    public const string Terms = """
        {
          "formOfCredit": "Irrevocable", "applicableRules": "UcpLatestVersion",
          "expiryDate": "2027-06-30", "expiryPlace": "Rotterdam",
          "applicant": { "companyId": "acme-imports", "name": "ACME Imports BV", "address": "Keizersgracht 1, Amsterdam" },
          "beneficiary": { "companyId": "globex-exports", "name": "Globex Exports Ltd", "address": "2 Harbour Road, Shanghai" },
          "advisingBankMspId": "AdvisingBankMSP", "currency": "USD", "amount": 12500000,
          "tolerance": { "plusPercent": 5, "minusPercent": 5 },
          "availableWith": "AdvisingBankMSP", "availableBy": "Payment",
          "partialShipments": "NotAllowed", "transhipment": "Allowed",
          "portOfLoading": "CNSHA", "portOfDischarge": "NLRTM", "latestShipmentDate": "2027-05-31",
          "goodsDescription": "500 industrial water pumps, model WP-200",
          "documentsRequired": ["Commercial invoice in 3 originals", "Packing list"],
          "confirmationInstructions": "Without"
        }
        """;

    public const string Apply = $$"""{ "creditId": "LC-2026-001", "terms": {{Terms}} }""";

    public const string Document = """
        {
          "transportDocumentTypeCode": "BOL", "isToOrder": true,
          "shipper": { "partyName": "Globex Exports Ltd", "address": "2 Harbour Road, Shanghai", "party": { "mspId": "AdvisingBankMSP", "companyId": "globex-exports" } },
          "carrierBookingReference": "BKG123456", "vesselName": "MSC Aurora", "carrierExportVoyageNumber": "412W",
          "portOfLoading": "CNSHA", "portOfDischarge": "NLRTM", "shippedOnBoardDate": "2026-11-20",
          "consignmentItems": [ { "descriptionOfGoods": "Water pumps", "numberOfPackages": 50, "grossWeightKilograms": 12000 } ],
          "utilizedTransportEquipments": [ { "equipmentReference": "MSCU1234565", "sealNumber": "SL-889" } ]
        }
        """;

    public const string IssueBill = $$"""{ "billOfLadingId": "BL-77", "document": {{Document}} }""";

    public const string Configuration = """
        { "issuingBanks": ["IssuingBankMSP"], "advisingBanks": ["AdvisingBankMSP"], "carriers": ["CarrierMSP"],
          "bankingCalendar": { "weekendDays": ["Saturday", "Sunday"], "holidays": ["2026-12-25"] } }
        """;

    public const string Present = """
        { "presentationId": "P1", "billOfLadingId": "BL-77",
          "claim": { "amount": 12500000, "documents": [ { "kind": "CommercialInvoice", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" } ] } }
        """;
}
