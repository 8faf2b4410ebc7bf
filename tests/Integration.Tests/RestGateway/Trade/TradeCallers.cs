using Fabric.Gateway.Client.Identity;
using Fabric.Network.Testing;
using Integration.Tests.Infrastructure;
using Integration.Tests.TradeFinance;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>
/// One kind of caller of the trade network: an MSP and the certificate attributes the chaincode reads
/// (<c>role</c>, <c>company</c>). The first five are the trade users of fabric-network/config/network.yaml; the
/// others are enrolled because the chaincode tells them apart from those five (another company, a client under the
/// wrong bank, a member without a role).
/// </summary>
internal sealed record TradeCaller(string Name, string MspId, IReadOnlyDictionary<string, string> Attributes, bool InNetworkFile)
{
    public override string ToString() => Name;
}

/// <summary>The callers of the trade network and how each becomes a Fabric identity on the network under test.</summary>
internal static class TradeCallers
{
    public const string IssuingOfficer = "issuingOfficer";
    public const string AdvisingOfficer = "advisingOfficer";
    public const string CarrierOfficer = "carrierOfficer";
    public const string Importer = "importer";
    public const string Exporter = "exporter";
    public const string OtherImporter = "otherImporter";
    public const string OtherExporter = "otherExporter";
    public const string ImporterUnderAdvisingBank = "importerUnderAdvisingBank";
    public const string MemberWithoutRole = "memberWithoutRole";

    /// <summary>A company that is neither the credits' applicant nor their beneficiary.</summary>
    public const string OtherCompany = "OTHER-009";

    public static IReadOnlyList<TradeCaller> All { get; } =
    [
        new(IssuingOfficer, TradeInputs.IssuingBank, Attributes(("role", "officer")), InNetworkFile: true),
        new(AdvisingOfficer, TradeInputs.AdvisingBank, Attributes(("role", "officer")), InNetworkFile: true),
        new(CarrierOfficer, TradeInputs.Carrier, Attributes(("role", "officer")), InNetworkFile: true),
        new(Importer, TradeInputs.IssuingBank, Attributes(("role", "applicant"), ("company", TradeInputs.Importer)), InNetworkFile: true),
        new(Exporter, TradeInputs.AdvisingBank, Attributes(("role", "beneficiary"), ("company", TradeInputs.Exporter)), InNetworkFile: true),

        // An applicant of the issuing bank, but of another company than the credits' applicant.
        new(OtherImporter, TradeInputs.IssuingBank, Attributes(("role", "applicant"), ("company", OtherCompany)), InNetworkFile: false),

        // A beneficiary of the advising bank, but of another company than the credits' beneficiary.
        new(OtherExporter, TradeInputs.AdvisingBank, Attributes(("role", "beneficiary"), ("company", OtherCompany)), InNetworkFile: false),

        // The applicant's company ID and role, but under a bank that is not an issuing bank.
        new(ImporterUnderAdvisingBank, TradeInputs.AdvisingBank, Attributes(("role", "applicant"), ("company", TradeInputs.Importer)), InNetworkFile: false),

        // A member of the issuing bank whose certificate carries no role at all.
        new(MemberWithoutRole, TradeInputs.IssuingBank, Attributes(), InNetworkFile: false),
    ];

    /// <summary>
    /// Every caller as a <see cref="TestUser"/>: the network file's users from their MSP folders where the network
    /// has them (the dev network enrolls them on first start), otherwise, and for the other callers, freshly
    /// enrolled with the same attributes under a unique name.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, TestUser>> LoadAsync(FabricTestNetwork network, CancellationToken cancellationToken)
    {
        var users = await Task.WhenAll(All.Select(async caller => (caller.Name, User: await LoadAsync(network, caller, cancellationToken))));
        return users.ToDictionary(u => u.Name, u => u.User, StringComparer.Ordinal);
    }

    private static async Task<TestUser> LoadAsync(FabricTestNetwork network, TradeCaller caller, CancellationToken cancellationToken)
    {
        if (caller.InNetworkFile)
        {
            var organization = network.Organization(caller.MspId);
            var domain = Path.GetFileName(organization.OrganizationDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var mspDirectory = Path.Combine(organization.OrganizationDirectory, "users", $"{caller.Name}@{domain}", "msp");
            if (Directory.Exists(mspDirectory))
            {
                return new TestUser(caller.Name, caller.MspId, mspDirectory, await MspFolder.LoadAsync(mspDirectory, caller.MspId, cancellationToken));
            }
        }

        return await network.EnrollAsync(caller.MspId, UniqueIds.New(caller.Name), caller.Attributes, cancellationToken: cancellationToken);
    }

    private static Dictionary<string, string> Attributes(params (string Name, string Value)[] attributes) =>
        attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
}
