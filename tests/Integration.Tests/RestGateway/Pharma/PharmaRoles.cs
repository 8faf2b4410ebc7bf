using Fabric.Network.Testing;
using Fabric.TestSupport;
using Integration.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Integration.Tests.RestGateway.Pharma;

/// <summary>A caller of the pharma network: its organization and the <c>role</c> attribute of its certificate (none: no attribute).</summary>
internal sealed record PharmaRole(string Name, string MspId, string? StaffRoles)
{
    public IReadOnlyDictionary<string, string>? Attributes =>
        StaffRoles is null ? null : new Dictionary<string, string> { ["role"] = StaffRoles };
}

/// <summary>
/// Every caller the authorization matrix looks at: the pharma users of fabric-network/config/network.yaml, plus users
/// with the staff roles the chaincode tells apart (an admin of each other organization, a manufacturer's shipping clerk
/// without the other manufacturer roles, quality staff at a wholesaler, each organization's staff holding the roles of
/// the other organizations) and one member of each organization with no role at all.
/// </summary>
internal static class PharmaRoles
{
    public const string Manufacturer = "ManufacturerMSP";
    public const string Wholesaler = "WholesalerMSP";
    public const string Pharmacy = "PharmacyMSP";

    // The users of network.yaml (checked against the file by NetworkFileUsers).
    public const string MfrAdmin = "mfr-admin";
    public const string MfrStaff = "mfr-staff";
    public const string WhlStaff = "whl-staff";
    public const string PharmStaff = "pharm-staff";

    // Enrolled for the matrix.
    public const string WhlAdmin = "whl-admin";
    public const string PharmAdmin = "pharm-admin";
    public const string MfrShipping = "mfr-shipping";
    public const string WhlQuality = "whl-quality";
    public const string MfrForeign = "mfr-foreign-roles";
    public const string WhlForeign = "whl-foreign-roles";
    public const string PharmForeign = "pharm-foreign-roles";
    public const string MfrNone = "mfr-no-role";
    public const string WhlNone = "whl-no-role";
    public const string PharmNone = "pharm-no-role";

    public static readonly IReadOnlyList<PharmaRole> FromNetworkFile =
    [
        new(MfrAdmin, Manufacturer, "admin"),
        new(MfrStaff, Manufacturer, "serialization,shipping,quality,pricing,finance,chargebacks"),
        new(WhlStaff, Wholesaler, "shipping,sales,chargebacks,finance"),
        new(PharmStaff, Pharmacy, "shipping,pharmacist"),
    ];

    public static readonly IReadOnlyList<PharmaRole> All =
    [
        .. FromNetworkFile,
        new(WhlAdmin, Wholesaler, "admin"),
        new(PharmAdmin, Pharmacy, "admin"),
        new(MfrShipping, Manufacturer, "shipping"),
        new(WhlQuality, Wholesaler, "quality"),
        // Each organization's staff with the staff roles that belong to the other organization roles.
        new(MfrForeign, Manufacturer, "sales,pharmacist"),
        new(WhlForeign, Wholesaler, "serialization,pricing,pharmacist"),
        new(PharmForeign, Pharmacy, "serialization,pricing,sales,chargebacks,finance"),
        new(MfrNone, Manufacturer, null),
        new(WhlNone, Wholesaler, null),
        new(PharmNone, Pharmacy, null),
    ];

    public static PharmaRole Named(string name) => All.Single(r => r.Name == name);

    /// <summary>Every role enrolled under a run-unique user name (a real test-network keeps its users), keyed by role name.</summary>
    public static async Task<IReadOnlyDictionary<string, TestUser>> EnrollAsync(FabricTestNetwork network, CancellationToken cancellationToken)
    {
        var users = await Task.WhenAll(All.Select(role =>
            network.EnrollAsync(role.MspId, UniqueIds.New(role.Name), role.Attributes, cancellationToken: cancellationToken)));
        return All.Select((role, i) => (role.Name, User: users[i])).ToDictionary(r => r.Name, r => r.User, StringComparer.Ordinal);
    }

    /// <summary>The users network.yaml declares for the pharma organizations: (name, MSP ID, role attribute).</summary>
    public static IReadOnlyList<PharmaRole> NetworkFileUsers()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RepositoryLayout.PathOf("fabric-network", "config", "network.yaml")))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        string[] organizations = [Manufacturer, Wholesaler, Pharmacy];
        return ((YamlSequenceNode)root["users"]).Children.Cast<YamlMappingNode>()
            .Select(user => new PharmaRole(
                Scalar(user, "name")!,
                Scalar(user, "organization")!,
                user.Children.TryGetValue(new YamlScalarNode("attributes"), out var attributes) ? Scalar((YamlMappingNode)attributes, "role") : null))
            .Where(user => organizations.Contains(user.MspId))
            .ToList();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
