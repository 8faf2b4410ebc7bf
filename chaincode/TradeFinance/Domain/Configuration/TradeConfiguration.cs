using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.Configuration;

/// <summary>
/// The chaincode's configuration, kept in public state: which organizations (MSP IDs) play which role, the
/// private data collections, and the banking calendar. The same chaincode thus runs on the dev network
/// (IssuingBankMSP, AdvisingBankMSP, CarrierMSP) and on fabric-samples' Org1MSP/Org2MSP (one organization may play
/// several roles). Changing it needs the endorsement of every organization named (key-level endorsement policy).
/// </summary>
public sealed partial record TradeConfiguration
{
    /// <summary>Default name of the collection shared by the banks (credit terms, presentations).</summary>
    public const string DefaultCreditCollection = "tradeCreditTerms";

    /// <summary>Default name of the collection shared by the banks and the carrier (transport documents).</summary>
    public const string DefaultDocumentCollection = "tradeTransportDocuments";

    /// <summary>Organizations that issue credits; their clients with role=applicant apply for them.</summary>
    public IReadOnlyList<string>? IssuingBanks { get; init; }

    /// <summary>Organizations that advise credits; their clients with role=beneficiary present under them.</summary>
    public IReadOnlyList<string>? AdvisingBanks { get; init; }

    /// <summary>Organizations that issue eB/Ls and accept their surrender.</summary>
    public IReadOnlyList<string>? Carriers { get; init; }

    /// <summary>Collection of credit terms and presentations; its members must be exactly the banks. Default <c>tradeCreditTerms</c>.</summary>
    public string CreditCollection { get; init; } = DefaultCreditCollection;

    /// <summary>Collection of transport documents; members: the banks and the carriers. Default <c>tradeTransportDocuments</c>.</summary>
    public string DocumentCollection { get; init; } = DefaultDocumentCollection;

    /// <summary>Weekend days and holidays for Art. 14(b) and 29(a). Default: Saturday and Sunday, no holidays.</summary>
    public BankingCalendarSettings BankingCalendar { get; init; } = new([DayOfWeek.Saturday, DayOfWeek.Sunday], []);

    /// <summary>Every organization named in a role, sorted, without repeats: the endorsers of a configuration change.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Organizations =>
        (IssuingBanks ?? []).Concat(AdvisingBanks ?? []).Concat(Carriers ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The calendar as a rule object.</summary>
    public BankingCalendar CreateCalendar() => new(BankingCalendar.WeekendDays ?? [], BankingCalendar.Holidays ?? []);

    /// <summary>True when <paramref name="mspId"/> plays <paramref name="role"/>.</summary>
    public bool Plays(string mspId, TradeRole role) => (role switch
    {
        TradeRole.IssuingBank => IssuingBanks,
        TradeRole.AdvisingBank => AdvisingBanks,
        TradeRole.Carrier => Carriers,
        _ => null,
    } ?? []).Contains(mspId, StringComparer.Ordinal);

    /// <summary>Throws 400 listing every problem.</summary>
    public static void Validate(TradeConfiguration? configuration)
    {
        if (configuration is null)
        {
            throw TradeErrors.Invalid("configuration", "is required.");
        }

        var problems = new List<(string, string)>();
        CheckRole(configuration.IssuingBanks, "issuingBanks", problems);
        CheckRole(configuration.AdvisingBanks, "advisingBanks", problems);
        CheckRole(configuration.Carriers, "carriers", problems);
        if (configuration.CreditCollection is null || !CollectionPattern().IsMatch(configuration.CreditCollection))
        {
            problems.Add(("creditCollection", "must be a collection name of letters, digits, - and _."));
        }

        if (configuration.DocumentCollection is null || !CollectionPattern().IsMatch(configuration.DocumentCollection))
        {
            problems.Add(("documentCollection", "must be a collection name of letters, digits, - and _."));
        }
        else if (configuration.DocumentCollection == configuration.CreditCollection)
        {
            problems.Add(("documentCollection", "must differ from creditCollection: the carrier must not read credit terms."));
        }

        var calendar = configuration.BankingCalendar;
        if (calendar is null)
        {
            problems.Add(("bankingCalendar", "is required."));
        }
        else
        {
            if (calendar.WeekendDays is null || calendar.WeekendDays.Distinct().Count() >= 7 || calendar.WeekendDays.Any(d => !Enum.IsDefined(d)))
            {
                problems.Add(("bankingCalendar.weekendDays", "must list valid days of the week and leave at least one banking day."));
            }

            if (calendar.Holidays is null || calendar.Holidays.Contains(default))
            {
                problems.Add(("bankingCalendar.holidays", "must be a list of dates (may be empty)."));
            }
        }

        if (problems.Count > 0)
        {
            throw TradeErrors.Invalid(problems);
        }
    }

    private static void CheckRole(IReadOnlyList<string>? mspIds, string field, List<(string, string)> problems)
    {
        if (mspIds is not { Count: > 0 })
        {
            problems.Add((field, "must list at least one MSP ID."));
            return;
        }

        for (var i = 0; i < mspIds.Count; i++)
        {
            if (string.IsNullOrEmpty(mspIds[i]) || !MspIdPattern().IsMatch(mspIds[i]))
            {
                problems.Add(($"{field}[{i}]", "must be an MSP ID of letters, digits, '.', '_' and '-'."));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CollectionPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex MspIdPattern();
}

/// <summary>The banking calendar of the configuration.</summary>
public sealed record BankingCalendarSettings(IReadOnlyList<DayOfWeek>? WeekendDays, IReadOnlyList<DateOnly>? Holidays);

/// <summary>The roles organizations play on the trade channel.</summary>
public enum TradeRole
{
    IssuingBank,
    AdvisingBank,
    Carrier,
}
