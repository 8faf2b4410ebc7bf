using System.Text.RegularExpressions;
using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.Credits;

/// <summary>Checks MT700 terms field by field; one 400 lists every problem, each named by its JSON field.</summary>
internal static partial class CreditTermsValidator
{
    private const int MaxTextLength = 6500;
    private const int MaxLineLength = 140;

    /// <summary>Throws 400 unless the terms are complete and consistent; dates must lie after <paramref name="today"/>.</summary>
    public static void Validate(CreditTerms? terms, DateOnly today, string prefix = "terms")
    {
        var problems = Check(terms, today, prefix);
        if (problems.Count > 0)
        {
            throw TradeErrors.Invalid(problems);
        }
    }

    public static List<(string Field, string Reason)> Check(CreditTerms? terms, DateOnly today, string prefix)
    {
        var problems = new List<(string Field, string Reason)>();
        if (terms is null)
        {
            problems.Add((prefix, "is required."));
            return problems;
        }

        void Problem(string field, string reason) => problems.Add(($"{prefix}.{field}", reason));

        if (terms.FormOfCredit == FormOfCredit.Unspecified)
        {
            Problem("formOfCredit", "(40A) is required: Irrevocable or IrrevocableTransferable.");
        }

        if (terms.ApplicableRules != ApplicableRules.UcpLatestVersion)
        {
            Problem("applicableRules", "(40E) must be UcpLatestVersion: only UCP 600 credits are supported.");
        }

        if (terms.ExpiryDate == default)
        {
            Problem("expiryDate", "(31D) is required.");
        }
        else if (terms.ExpiryDate <= today)
        {
            Problem("expiryDate", "(31D) must be after today's date.");
        }

        RequireText(terms.ExpiryPlace, "expiryPlace", "31D", MaxLineLength, Problem);
        CheckParty(terms.Applicant, "applicant", "50", Problem);
        CheckParty(terms.Beneficiary, "beneficiary", "59", Problem);
        RequireId(terms.AdvisingBankMspId, "advisingBankMspId", "57A", Problem);
        if (terms.Currency is null || !CurrencyPattern().IsMatch(terms.Currency))
        {
            Problem("currency", "(32B) must be an ISO 4217 code of three capital letters.");
        }

        if (terms.Amount <= 0)
        {
            Problem("amount", "(32B) must be a positive number of minor units.");
        }

        if (terms.Tolerance is null)
        {
            Problem("tolerance", "(39A) is required (use 0 and 0 for none).");
        }
        else
        {
            if (terms.Tolerance.PlusPercent is < 0 or > 99)
            {
                Problem("tolerance.plusPercent", "(39A) must be between 0 and 99.");
            }

            if (terms.Tolerance.MinusPercent is < 0 or > 99)
            {
                Problem("tolerance.minusPercent", "(39A) must be between 0 and 99.");
            }
        }

        RequireText(terms.AvailableWith, "availableWith", "41a", MaxLineLength, Problem);
        if (terms.AvailableBy == AvailableBy.Unspecified)
        {
            Problem("availableBy", "(41a) is required: Payment, DeferredPayment, Acceptance or Negotiation.");
        }

        if (terms.PartialShipments == ShipmentAllowance.Unspecified)
        {
            Problem("partialShipments", "(43P) is required: Allowed or NotAllowed.");
        }

        if (terms.Transhipment == ShipmentAllowance.Unspecified)
        {
            Problem("transhipment", "(43T) is required: Allowed or NotAllowed.");
        }

        CheckPort(terms.PortOfLoading, "portOfLoading", "44E", Problem);
        CheckPort(terms.PortOfDischarge, "portOfDischarge", "44F", Problem);
        if (terms.LatestShipmentDate == default)
        {
            Problem("latestShipmentDate", "(44C) is required.");
        }
        else if (terms.LatestShipmentDate < today)
        {
            Problem("latestShipmentDate", "(44C) must not be before today's date.");
        }
        else if (terms.ExpiryDate != default && terms.LatestShipmentDate > terms.ExpiryDate)
        {
            Problem("latestShipmentDate", "(44C) must not be after the expiry date (31D).");
        }

        RequireText(terms.GoodsDescription, "goodsDescription", "45A", MaxTextLength, Problem);
        if (terms.DocumentsRequired is not { Count: > 0 } || terms.DocumentsRequired.Any(string.IsNullOrWhiteSpace))
        {
            Problem("documentsRequired", "(46A) must list at least one document, none empty.");
        }

        if (terms.AdditionalConditions is { } conditions && conditions.Any(string.IsNullOrWhiteSpace))
        {
            Problem("additionalConditions", "(47A) must not contain empty conditions.");
        }

        if (terms.PresentationPeriodDays is < 1 or > 365)
        {
            Problem("presentationPeriodDays", "(48) must be between 1 and 365 days, or absent for the UCP default of 21.");
        }

        if (terms.ConfirmationInstructions == ConfirmationInstructions.Unspecified)
        {
            Problem("confirmationInstructions", "(49) is required: Confirm, MayAdd or Without.");
        }

        if (terms.Charges is { Length: > MaxTextLength })
        {
            Problem("charges", $"(71D) must be at most {MaxTextLength} characters.");
        }

        return problems;
    }

    private static void CheckParty(CreditParty? party, string field, string tag, Action<string, string> problem)
    {
        if (party is null)
        {
            problem(field, $"({tag}) is required.");
            return;
        }

        RequireId(party.CompanyId, $"{field}.companyId", tag, problem);
        RequireText(party.Name, $"{field}.name", tag, MaxLineLength, problem);
        RequireText(party.Address, $"{field}.address", tag, MaxTextLength, problem);
    }

    private static void CheckPort(string? port, string field, string tag, Action<string, string> problem)
    {
        if (port is null || !LocodePattern().IsMatch(port))
        {
            problem(field, $"({tag}) must be a UN/LOCODE: two capital letters then three capital letters or digits 2-9, for example NLRTM.");
        }
    }

    private static void RequireText(string? value, string field, string tag, int maxLength, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problem(field, $"({tag}) is required.");
        }
        else if (value.Length > maxLength)
        {
            problem(field, $"({tag}) must be at most {maxLength} characters.");
        }
    }

    private static void RequireId(string? value, string field, string tag, Action<string, string> problem)
    {
        if (string.IsNullOrEmpty(value) || !IdPattern().IsMatch(value))
        {
            problem(field, $"({tag}) must be an ID of 1 to 64 letters, digits or - _ . : /.");
        }
    }

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z]{2}[A-Z2-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocodePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
