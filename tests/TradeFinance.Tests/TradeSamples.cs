using System.Text.Json.Nodes;
using TradeFinance.Domain.BillsOfLading;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Configuration;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests;

/// <summary>Realistic inputs shared by the tests: a credit for 100,000.00 USD shipped Shanghai to Rotterdam.</summary>
internal static class TradeSamples
{
    public const string IssuingBank = "IssuingBankMSP";
    public const string AdvisingBank = "AdvisingBankMSP";
    public const string Carrier = "CarrierMSP";
    public const string Importer = "IMP-001";
    public const string Exporter = "EXP-001";

    /// <summary>Monday 2 March 2026, 09:00 UTC: the day the credit is applied for.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly Party ExporterParty = new(AdvisingBank, Exporter);
    public static readonly Party ImporterParty = new(IssuingBank, Importer);

    public static byte[] Salt(byte seed = 1) => Enumerable.Range(0, 32).Select(i => (byte)(i + seed)).ToArray();

    public static BankingCalendar Calendar(params DateOnly[] holidays) => new([DayOfWeek.Saturday, DayOfWeek.Sunday], holidays);

    public static CreditTerms Terms(ShipmentAllowance partialShipments = ShipmentAllowance.Allowed, Tolerance? tolerance = null) => new()
    {
        FormOfCredit = FormOfCredit.Irrevocable,
        ApplicableRules = ApplicableRules.UcpLatestVersion,
        ExpiryDate = new DateOnly(2026, 6, 30),
        ExpiryPlace = "Rotterdam",
        Applicant = new CreditParty(Importer, "Importer BV", "Havenstraat 1, Rotterdam"),
        Beneficiary = new CreditParty(Exporter, "Exporter Co Ltd", "1 Bund Road, Shanghai"),
        AdvisingBankMspId = AdvisingBank,
        Currency = "USD",
        Amount = 10_000_000,
        Tolerance = tolerance ?? Tolerance.None,
        AvailableWith = AdvisingBank,
        AvailableBy = AvailableBy.Payment,
        PartialShipments = partialShipments,
        Transhipment = ShipmentAllowance.NotAllowed,
        PortOfLoading = "CNSHA",
        PortOfDischarge = "NLRTM",
        LatestShipmentDate = new DateOnly(2026, 6, 15),
        GoodsDescription = "2,000 electric bicycles, model EB-7, CIF Rotterdam Incoterms 2020",
        DocumentsRequired = ["Full set of clean on board ocean bills of lading made out to order", "Commercial invoice in 3 copies", "Packing list"],
        PresentationPeriodDays = null,
        ConfirmationInstructions = ConfirmationInstructions.Without,
    };

    public static TransportDocument Document(
        DateOnly shippedOnBoard, string portOfLoading = "CNSHA", string portOfDischarge = "NLRTM", bool toOrder = true,
        TransportDocumentType type = TransportDocumentType.BOL) => new()
    {
        TransportDocumentTypeCode = type,
        IsToOrder = toOrder,
        Shipper = new DocumentParty("Exporter Co Ltd", "1 Bund Road, Shanghai", ExporterParty),
        Consignee = toOrder ? null : new DocumentParty("Importer BV", "Havenstraat 1, Rotterdam", ImporterParty),
        NotifyParty = new DocumentParty("Importer BV", "Havenstraat 1, Rotterdam", null),
        CarrierBookingReference = "BKG-778899",
        VesselName = "EVER GIVEN",
        CarrierExportVoyageNumber = "025W",
        PortOfLoading = portOfLoading,
        PortOfDischarge = portOfDischarge,
        ShippedOnBoardDate = shippedOnBoard,
        ConsignmentItems = [new ConsignmentItem("1,000 electric bicycles, model EB-7", 1000, 25_000)],
        UtilizedTransportEquipments = [new UtilizedTransportEquipment("MSCU1234565", "SEAL-001")],
    };

    public static PresentationClaim Claim(long amount) =>
        new(amount, [new PresentedDocument("CommercialInvoice", new string('a', 64)), new PresentedDocument("PackingList", new string('b', 64))]);

    public static TradeConfiguration Configuration(params DateOnly[] holidays) => new()
    {
        IssuingBanks = [IssuingBank],
        AdvisingBanks = [AdvisingBank],
        Carriers = [Carrier],
        BankingCalendar = new BankingCalendarSettings([DayOfWeek.Saturday, DayOfWeek.Sunday], holidays),
    };

    /// <summary>An advised credit (issued and advised on the start day) and its private record.</summary>
    public static (LetterOfCredit Credit, CreditPrivateData Private) AdvisedCredit(CreditTerms? terms = null, long drawn = 0)
    {
        terms ??= Terms();
        var credit = LetterOfCreditLifecycle.Apply("LC-1", terms, IssuingBank, Importer, Salt(), Start);
        credit = LetterOfCreditLifecycle.Issue(credit, terms, Start);
        credit = LetterOfCreditLifecycle.Advise(credit, Start);
        return (credit, new CreditPrivateData(Salt(), terms, drawn));
    }

    public static JsonObject Changes(string json) => JsonNode.Parse(json)!.AsObject();
}
