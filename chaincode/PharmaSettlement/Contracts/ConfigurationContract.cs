using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Endorsement;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>
/// The role-to-MSP mapping and the name of the pricing collection. The configuration key carries a key-level
/// endorsement policy requiring every configured organization, so once set it changes only with the endorsement of
/// all organizations concerned, whatever the chaincode's own policy.
/// </summary>
[Contract(Name = "Configuration", Title = "Organizations and roles")]
internal sealed class ConfigurationContract : PharmaContract
{
    /// <summary>Stores the first configuration. The caller (role=admin) must belong to one of the configured organizations.</summary>
    [Transaction]
    public async Task<PharmaConfiguration> InitializeAsync(ChaincodeContext context, PharmaConfiguration configuration)
    {
        var ledger = Ledger;
        if (await ledger.ExistsAsync(Keys.Configuration).ConfigureAwait(false))
        {
            throw Refusals.Conflict("The chaincode is already configured; use Configuration:Update.");
        }

        return await StoreAsync(context, ledger, configuration).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the configuration. The caller (role=admin) must belong to a configured organization; the key-level
    /// policy makes the peers of every organization of the current configuration endorse the change.
    /// </summary>
    [Transaction]
    public async Task<PharmaConfiguration> UpdateAsync(ChaincodeContext context, PharmaConfiguration configuration)
    {
        var ledger = Ledger;
        await Access.RequireMemberAsync(context, ledger).ConfigureAwait(false);
        return await StoreAsync(context, ledger, configuration).ConfigureAwait(false);
    }

    [Transaction(TransactionIntent.Evaluate)]
    public Task<PharmaConfiguration> GetAsync(ChaincodeContext context) => Access.LoadConfigurationAsync(Ledger);

    private static async Task<PharmaConfiguration> StoreAsync(ChaincodeContext context, Ledger ledger, PharmaConfiguration? configuration)
    {
        Access.RequireStaffRole(context, StaffRole.Admin);
        if (configuration is null)
        {
            throw Refusals.Invalid("configuration", "is required.");
        }

        configuration.Validate();
        var mspId = context.ClientIdentity.MspId;
        if (!configuration.Organizations.Contains(mspId, StringComparer.Ordinal))
        {
            throw Refusals.Forbidden($"Organization {mspId} cannot configure a chaincode it takes no part in.");
        }

        await ledger.PutAsync(Keys.Configuration, configuration).ConfigureAwait(false);
        var policy = new KeyEndorsementPolicy().AddOrganizations(EndorsementRole.Member, configuration.Organizations);
        await ledger.Stub.SetStateValidationParameterAsync(Keys.Configuration, policy.ToBytes(), context.CancellationToken).ConfigureAwait(false);
        ledger.Emit(EventNames.ConfigurationChanged, new
        {
            configuration.Manufacturers,
            configuration.Wholesalers,
            configuration.Dispensers,
            configuration.PricingCollection,
            changedBy = mspId,
        });
        return configuration;
    }
}
