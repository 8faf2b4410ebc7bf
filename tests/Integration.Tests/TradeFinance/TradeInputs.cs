using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integration.Tests.TradeFinance;

/// <summary>
/// The private inputs of one scenario run, as a client sends them (JSON in transient data). Amounts and texts are
/// distinctive and the texts carry the run's tag, so that finding one of them in a block can only mean a leak.
/// Dates are relative to today because a live network stamps transactions with the current time.
/// </summary>
internal sealed class TradeInputs
{
    public const string IssuingBank = "IssuingBankMSP";
    public const string AdvisingBank = "AdvisingBankMSP";
    public const string Carrier = "CarrierMSP";
    public const string Importer = "IMP-001";
    public const string Exporter = "EXP-001";
    public const string CreditCollection = "tradeCreditTerms";
    public const string DocumentCollection = "tradeTransportDocuments";

    /// <summary>USD 987,654.32 in cents; the two drawings add up to it exactly.</summary>
    public const long CreditAmount = 98_765_432;
    public const long FirstDrawing = 41_234_567;
    public const long SecondDrawing = CreditAmount - FirstDrawing;

    private TradeInputs(string runTag, DateOnly today)
    {
        RunTag = runTag;
        Today = today;
        GoodsDescription = $"2,000 electric bicycles, model EB-7, lot {runTag}, CIF Rotterdam Incoterms 2020";
        VesselName = $"MV AURORA {runTag}";
        ApplicantAddress = $"Havenstraat 17, Rotterdam, suite {runTag}";
    }

    public string RunTag { get; }

    /// <summary>The UTC date the scenario runs on (the transactions' timestamps fall on it).</summary>
    public DateOnly Today { get; }

    public string GoodsDescription { get; }

    public string VesselName { get; }

    public string ApplicantAddress { get; }

    public DateOnly ExpiryDate => Today.AddDays(60);

    public DateOnly LatestShipmentDate => Today.AddDays(45);

    public static TradeInputs ForToday(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new TradeInputs(Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }

    /// <summary>Every value that must never appear in a block, an event or an error, as the bytes to search for.</summary>
    public IReadOnlyDictionary<string, byte[]> PrivateMarkers(params byte[][] salts)
    {
        var markers = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["credit amount"] = Ascii(CreditAmount),
            ["first drawing"] = Ascii(FirstDrawing),
            ["second drawing"] = Ascii(SecondDrawing),
            ["goods description"] = Encoding.UTF8.GetBytes(GoodsDescription),
            ["vessel name"] = Encoding.UTF8.GetBytes(VesselName),
            ["applicant address"] = Encoding.UTF8.GetBytes(ApplicantAddress),
        };
        for (var i = 0; i < salts.Length; i++)
        {
            markers[$"salt {i + 1}"] = salts[i];
            markers[$"salt {i + 1} (base64)"] = Encoding.ASCII.GetBytes(Convert.ToBase64String(salts[i]));
        }

        return markers;
    }

    public static byte[] Ascii(long amount) => Encoding.ASCII.GetBytes(amount.ToString(CultureInfo.InvariantCulture));

    /// <summary>32 fresh random bytes: one salt per private object, as docs/trade-finance.md asks of clients.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(32);

    public static string Configuration() => new JsonObject
    {
        ["issuingBanks"] = new JsonArray(IssuingBank),
        ["advisingBanks"] = new JsonArray(AdvisingBank),
        ["carriers"] = new JsonArray(Carrier),
        ["creditCollection"] = CreditCollection,
        ["documentCollection"] = DocumentCollection,
        ["bankingCalendar"] = new JsonObject { ["weekendDays"] = new JsonArray("Saturday", "Sunday"), ["holidays"] = new JsonArray() },
    }.ToJsonString();

    /// <summary>MT700 terms: partial shipments allowed, CNSHA to NLRTM, no tolerance.</summary>
    public string Terms() => new JsonObject
    {
        ["formOfCredit"] = "Irrevocable",
        ["applicableRules"] = "UcpLatestVersion",
        ["expiryDate"] = Date(ExpiryDate),
        ["expiryPlace"] = "Rotterdam",
        ["applicant"] = new JsonObject { ["companyId"] = Importer, ["name"] = "Importer BV", ["address"] = ApplicantAddress },
        ["beneficiary"] = new JsonObject { ["companyId"] = Exporter, ["name"] = "Exporter Co Ltd", ["address"] = "1 Bund Road, Shanghai" },
        ["advisingBankMspId"] = AdvisingBank,
        ["currency"] = "USD",
        ["amount"] = CreditAmount,
        ["tolerance"] = new JsonObject { ["plusPercent"] = 0, ["minusPercent"] = 0 },
        ["availableWith"] = AdvisingBank,
        ["availableBy"] = "Payment",
        ["partialShipments"] = "Allowed",
        ["transhipment"] = "NotAllowed",
        ["portOfLoading"] = "CNSHA",
        ["portOfDischarge"] = "NLRTM",
        ["latestShipmentDate"] = Date(LatestShipmentDate),
        ["goodsDescription"] = GoodsDescription,
        ["documentsRequired"] = new JsonArray("Full set of clean on board ocean bills of lading made out to order", "Commercial invoice", "Packing list"),
        ["additionalConditions"] = new JsonArray(),
        ["presentationPeriodDays"] = null,
        ["confirmationInstructions"] = "Without",
        ["charges"] = null,
    }.ToJsonString();

    /// <summary>A DCSA order bill shipped on board today, the exporter (under its bank) as shipper and first holder.</summary>
    public string BillOfLading(string portOfLoading) => new JsonObject
    {
        ["transportDocumentTypeCode"] = "BOL",
        ["isToOrder"] = true,
        ["shipper"] = new JsonObject
        {
            ["partyName"] = "Exporter Co Ltd",
            ["address"] = "1 Bund Road, Shanghai",
            ["party"] = new JsonObject { ["mspId"] = AdvisingBank, ["companyId"] = Exporter },
        },
        ["consignee"] = null,
        ["notifyParty"] = new JsonObject { ["partyName"] = "Importer BV", ["address"] = ApplicantAddress, ["party"] = null },
        ["carrierBookingReference"] = "BKG-778899",
        ["vesselName"] = VesselName,
        ["carrierExportVoyageNumber"] = "025W",
        ["portOfLoading"] = portOfLoading,
        ["portOfDischarge"] = "NLRTM",
        ["shippedOnBoardDate"] = Date(Today),
        ["consignmentItems"] = new JsonArray(new JsonObject
        {
            ["descriptionOfGoods"] = GoodsDescription,
            ["numberOfPackages"] = 1000,
            ["grossWeightKilograms"] = 25000,
        }),
        ["utilizedTransportEquipments"] = new JsonArray(new JsonObject { ["equipmentReference"] = "MSCU1234565", ["sealNumber"] = "SEAL-001" }),
    }.ToJsonString();

    /// <summary>The amount drawn and the hashes of the invoice and packing list presented with the eB/L.</summary>
    public string Claim(long amount) => new JsonObject
    {
        ["amount"] = amount,
        ["documents"] = new JsonArray(
            new JsonObject { ["kind"] = "CommercialInvoice", ["sha256"] = DocumentHash($"invoice {amount} {RunTag}") },
            new JsonObject { ["kind"] = "PackingList", ["sha256"] = DocumentHash($"packing list {amount} {RunTag}") }),
    }.ToJsonString();

    /// <summary>A refusal notice adding nothing to what the chaincode detected, holding the documents for the applicant's waiver.</summary>
    public static string NoticeHoldingPendingWaiver() =>
        JsonSerializer.Serialize(new { discrepancies = Array.Empty<object>(), disposal = "HoldingPendingWaiver" });

    public static JsonObject Party(string mspId, string? companyId) => new() { ["mspId"] = mspId, ["companyId"] = companyId };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DocumentHash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
