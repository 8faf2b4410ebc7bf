using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;

namespace PharmaSettlement.Internal;

/// <summary>The authenticated caller of a transaction: its organization and the configuration it was checked against.</summary>
internal sealed record Caller(string MspId, PharmaConfiguration Configuration)
{
    public bool Plays(OrganizationRole role) => Configuration.Plays(MspId, role);
}

/// <summary>
/// Authorization: by the caller's MSP ID (which organization role it plays in the configuration) and by the
/// <c>role</c> attribute of its certificate (which staff role it has). Never by an identity passed as an argument.
/// </summary>
internal static class Access
{
    public static async Task<PharmaConfiguration> LoadConfigurationAsync(Ledger ledger) =>
        await ledger.GetAsync<PharmaConfiguration>(Keys.Configuration).ConfigureAwait(false)
        ?? throw Refusals.Conflict("The chaincode is not configured yet: call Configuration:Initialize first.");

    /// <summary>A caller of an organization that plays one of <paramref name="roles"/>, with staff role <paramref name="staffRole"/>.</summary>
    public static async Task<Caller> RequireAsync(ChaincodeContext context, Ledger ledger, string staffRole, params OrganizationRole[] roles)
    {
        var caller = await RequireMemberAsync(context, ledger).ConfigureAwait(false);
        if (!roles.Any(caller.Plays))
        {
            throw Refusals.Forbidden(
                $"Organization {caller.MspId} is not a {string.Join(" or ", roles.Select(r => r.ToString().ToLowerInvariant()))} in the chaincode configuration.");
        }

        RequireStaffRole(context, staffRole);
        return caller;
    }

    /// <summary>A caller of any organization named by the configuration (for queries).</summary>
    public static async Task<Caller> RequireMemberAsync(ChaincodeContext context, Ledger ledger)
    {
        var configuration = await LoadConfigurationAsync(ledger).ConfigureAwait(false);
        var mspId = context.ClientIdentity.MspId;
        return configuration.Organizations.Contains(mspId, StringComparer.Ordinal)
            ? new Caller(mspId, configuration)
            : throw Refusals.Forbidden($"Organization {mspId} takes no part in this chaincode's configuration.");
    }

    /// <summary>Requires the certificate attribute <c>role</c> to name <paramref name="staffRole"/> (comma-separated lists allowed).</summary>
    public static void RequireStaffRole(ChaincodeContext context, string staffRole)
    {
        var value = context.ClientIdentity.GetAttributeValue(StaffRole.AttributeName);
        if (value is null)
        {
            throw Refusals.Forbidden($"The caller's certificate has no '{StaffRole.AttributeName}' attribute; this transaction needs role={staffRole}.");
        }

        if (!value.Split(',', StringSplitOptions.TrimEntries).Contains(staffRole, StringComparer.Ordinal))
        {
            throw Refusals.Forbidden($"This transaction needs role={staffRole} in the caller's certificate.");
        }
    }

    /// <summary>Requires the caller to be one of the named parties of an object.</summary>
    public static void RequireParty(Caller caller, string what, params string[] parties)
    {
        if (!parties.Contains(caller.MspId, StringComparer.Ordinal))
        {
            throw Refusals.Forbidden($"Organization {caller.MspId} is not a party to this {what}.");
        }
    }
}
