using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Endorsement;
using HealthRecords.Domain;
using HealthRecords.Internal;

namespace HealthRecords.Contracts;

/// <summary>
/// The role-to-organization mapping (which MSPs are hospitals) and time windows, in public state. The
/// configuration key carries a key-level endorsement policy requiring a peer of every configured hospital, so
/// once set it changes only with the endorsement of all of them.
/// </summary>
[Contract(Name = "Configuration", Title = "Health records configuration")]
internal sealed class ConfigurationContract : Contract
{
    /// <summary>Sets the first configuration. The caller must be an admin of one of the listed hospitals.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<HealthConfiguration> Initialize(ChaincodeContext context, HealthConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        if (await ledger.GetConfigurationAsync().ConfigureAwait(false) is not null)
        {
            throw HealthErrors.Conflict("The chaincode is already configured: use Configuration:Update.");
        }

        var validated = (configuration ?? throw HealthErrors.Invalid("configuration", "is required")).Validated();
        var caller = Caller.Read(context);
        caller.RequireAdmin("initialize the configuration");
        if (!validated.IsHospital(caller.MspId))
        {
            throw HealthErrors.Forbidden($"Organization {caller.MspId} is not among the hospitals of the new configuration.");
        }

        await StoreAsync(context, ledger, validated).ConfigureAwait(false);
        return validated;
    }

    /// <summary>
    /// Replaces the configuration (for example to add a hospital). The caller must be an admin of a currently
    /// configured hospital; the key-level policy makes the transaction valid only when every currently configured
    /// hospital endorsed it. The policy then moves to the new set of hospitals.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<HealthConfiguration> Update(ChaincodeContext context, HealthConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new HealthLedger(context);
        var current = await ledger.RequireConfigurationAsync().ConfigureAwait(false);
        Caller.Of(context, current).RequireAdmin("update the configuration");
        var validated = (configuration ?? throw HealthErrors.Invalid("configuration", "is required")).Validated();
        await StoreAsync(context, ledger, validated).ConfigureAwait(false);
        return validated;
    }

    /// <summary>The current configuration (anyone on the channel may read it).</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public Task<HealthConfiguration> Get(ChaincodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new HealthLedger(context).RequireConfigurationAsync();
    }

    private static async Task StoreAsync(ChaincodeContext context, HealthLedger ledger, HealthConfiguration configuration)
    {
        await ledger.PutConfigurationAsync(configuration).ConfigureAwait(false);
        var policy = new KeyEndorsementPolicy().AddOrganizations(EndorsementRole.Peer, configuration.HospitalMspIds);
        await ledger.SetConfigurationPolicyAsync(policy.ToBytes()).ConfigureAwait(false);
        context.Stub.SetEventJson(HealthEvents.ConfigurationChanged, new HealthEvents.ConfigurationEvent(configuration.HospitalMspIds));
        HealthLog.ConfigurationSet(context.Logger, configuration.HospitalMspIds.Count);
    }
}
