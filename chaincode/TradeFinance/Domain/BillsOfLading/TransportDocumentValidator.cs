using System.Text.RegularExpressions;
using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.BillsOfLading;

/// <summary>Checks a transport document field by field; one 400 lists every problem, each named by its JSON field.</summary>
internal static partial class TransportDocumentValidator
{
    private const int MaxLineLength = 140;

    public static void Validate(TransportDocument? document, DateOnly today, string prefix = "document")
    {
        var problems = new List<(string Field, string Reason)>();
        void Problem(string field, string reason) => problems.Add(($"{prefix}.{field}", reason));
        if (document is null)
        {
            throw TradeErrors.Invalid(prefix, "is required.");
        }

        switch (document.TransportDocumentTypeCode)
        {
            case TransportDocumentType.Unspecified:
                Problem("transportDocumentTypeCode", "is required: BOL or SWB.");
                break;
            case TransportDocumentType.SWB when document.IsToOrder:
                Problem("isToOrder", "must be false for a sea waybill, which is never negotiable.");
                break;
        }

        CheckParty(document.Shipper, "shipper", requireLedgerParty: true, Problem);
        if (document.IsToOrder)
        {
            if (document.Consignee is not null)
            {
                CheckParty(document.Consignee, "consignee", requireLedgerParty: false, Problem);
            }
        }
        else
        {
            CheckParty(document.Consignee, "consignee", requireLedgerParty: true, Problem);
        }

        if (document.NotifyParty is not null)
        {
            CheckParty(document.NotifyParty, "notifyParty", requireLedgerParty: false, Problem);
        }

        RequireText(document.CarrierBookingReference, "carrierBookingReference", 35, Problem);
        RequireText(document.VesselName, "vesselName", 35, Problem);
        RequireText(document.CarrierExportVoyageNumber, "carrierExportVoyageNumber", 50, Problem);
        CheckPort(document.PortOfLoading, "portOfLoading", Problem);
        CheckPort(document.PortOfDischarge, "portOfDischarge", Problem);
        if (document.ShippedOnBoardDate == default)
        {
            Problem("shippedOnBoardDate", "is required.");
        }
        else if (document.ShippedOnBoardDate > today)
        {
            Problem("shippedOnBoardDate", "must not be in the future: a shipped bill is issued after loading.");
        }

        if (document.ConsignmentItems is not { Count: > 0 })
        {
            Problem("consignmentItems", "must list at least one item.");
        }
        else
        {
            for (var i = 0; i < document.ConsignmentItems.Count; i++)
            {
                var item = document.ConsignmentItems[i];
                RequireText(item?.DescriptionOfGoods, $"consignmentItems[{i}].descriptionOfGoods", 5000, Problem);
                if (item is not null && item.NumberOfPackages <= 0)
                {
                    Problem($"consignmentItems[{i}].numberOfPackages", "must be positive.");
                }

                if (item is not null && item.GrossWeightKilograms <= 0)
                {
                    Problem($"consignmentItems[{i}].grossWeightKilograms", "must be positive.");
                }
            }
        }

        var equipment = document.UtilizedTransportEquipments ?? [];
        for (var i = 0; i < equipment.Count; i++)
        {
            if (equipment[i]?.EquipmentReference is not { } reference || !ContainerPattern().IsMatch(reference))
            {
                Problem($"utilizedTransportEquipments[{i}].equipmentReference", "must be an ISO 6346 container number, for example MSCU1234565.");
            }
        }

        if (problems.Count > 0)
        {
            throw TradeErrors.Invalid(problems);
        }
    }

    private static void CheckParty(DocumentParty? party, string field, bool requireLedgerParty, Action<string, string> problem)
    {
        if (party is null)
        {
            problem(field, "is required.");
            return;
        }

        RequireText(party.PartyName, $"{field}.partyName", 70, problem);
        if (party.Party is null)
        {
            if (requireLedgerParty)
            {
                problem($"{field}.party", "is required: the ledger identity (mspId and companyId) that will act on the eB/L.");
            }
        }
        else if (!IdPattern().IsMatch(party.Party.MspId ?? string.Empty) ||
                 (party.Party.CompanyId is not null && !IdPattern().IsMatch(party.Party.CompanyId)))
        {
            problem($"{field}.party", "must have an mspId and an optional companyId of 1 to 64 letters, digits or - _ . : /.");
        }
    }

    private static void CheckPort(string? port, string field, Action<string, string> problem)
    {
        if (port is null || !LocodePattern().IsMatch(port))
        {
            problem(field, "must be a UN/LOCODE, for example NLRTM.");
        }
    }

    private static void RequireText(string? value, string field, int maxLength, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problem(field, "is required.");
        }
        else if (value.Length > maxLength)
        {
            problem(field, $"must be at most {maxLength} characters.");
        }
    }

    [GeneratedRegex("^[A-Z]{2}[A-Z2-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocodePattern();

    [GeneratedRegex("^[A-Z]{3}[UJZ][0-9]{7}$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
