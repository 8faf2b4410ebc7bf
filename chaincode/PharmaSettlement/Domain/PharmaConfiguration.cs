using System.Text.Json.Serialization;

namespace PharmaSettlement.Domain;

/// <summary>The part an organization plays on the channel.</summary>
internal enum OrganizationRole
{
    [JsonStringEnumMemberName("manufacturer")]
    Manufacturer,

    [JsonStringEnumMemberName("wholesaler")]
    Wholesaler,

    /// <summary>A pharmacy or hospital that dispenses to patients.</summary>
    [JsonStringEnumMemberName("dispenser")]
    Dispenser,
}

/// <summary>
/// Chaincode configuration kept in public state: which MSP IDs play which organization role, and the name of the
/// private data collection shared by manufacturers and wholesalers for prices. Nothing about organizations is
/// hard-coded, so the same chaincode serves our pharma channel and fabric-samples' Org1MSP/Org2MSP.
/// </summary>
internal sealed record PharmaConfiguration(
    IReadOnlyList<string> Manufacturers,
    IReadOnlyList<string> Wholesalers,
    IReadOnlyList<string> Dispensers,
    string PricingCollection)
{
    /// <summary>Every organization named by the configuration, in ordinal order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Organizations =>
        Manufacturers.Concat(Wholesalers).Concat(Dispensers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public bool Plays(string mspId, OrganizationRole role) => MembersOf(role).Contains(mspId, StringComparer.Ordinal);

    public IReadOnlyList<string> MembersOf(OrganizationRole role) => role switch
    {
        OrganizationRole.Manufacturer => Manufacturers,
        OrganizationRole.Wholesaler => Wholesalers,
        _ => Dispensers,
    };

    /// <summary>Checks every field; the message names the first bad one.</summary>
    public PharmaConfiguration Validate()
    {
        ValidateList(Manufacturers, "manufacturers");
        ValidateList(Wholesalers, "wholesalers");
        ValidateList(Dispensers, "dispensers");
        if (string.IsNullOrEmpty(PricingCollection) || PricingCollection.Length > 100
            || !PricingCollection.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            || PricingCollection.StartsWith('_'))
        {
            throw Refusals.Invalid("pricingCollection", "must be the name of a collection in the collections config (letters, digits, '_' and '-', not starting with '_').");
        }

        return this;
    }

    private static void ValidateList(IReadOnlyList<string>? mspIds, string field)
    {
        Identifiers.RequireDistinct(mspIds, field, max: 50);
        foreach (var mspId in mspIds!)
        {
            Identifiers.Validate(mspId, field);
        }
    }
}

/// <summary>
/// Values of the <c>role</c> attribute in staff certificates (Fabric CA attribute; several roles may be given
/// separated by commas). Each transaction names the organization role and the staff role it needs.
/// </summary>
internal static class StaffRole
{
    /// <summary>Initializes and changes the chaincode configuration.</summary>
    public const string Admin = "admin";

    /// <summary>Registers products, commissions, packs, unpacks, decommissions and reinstates units.</summary>
    public const string Serialization = "serialization";

    /// <summary>Ships and receives goods.</summary>
    public const string Shipping = "shipping";

    /// <summary>Recalls lots.</summary>
    public const string Quality = "quality";

    /// <summary>Publishes price contracts and WAC.</summary>
    public const string Pricing = "pricing";

    /// <summary>Records sales to customers.</summary>
    public const string Sales = "sales";

    /// <summary>Submits chargeback claims (wholesaler), disputes lines (manufacturer), resolves disputes (both).</summary>
    public const string Chargebacks = "chargebacks";

    /// <summary>Issues invoices and proposes, approves and closes settlements.</summary>
    public const string Finance = "finance";

    /// <summary>Dispenses units to patients.</summary>
    public const string Pharmacist = "pharmacist";

    /// <summary>The attribute name in the certificate.</summary>
    public const string AttributeName = "role";
}
