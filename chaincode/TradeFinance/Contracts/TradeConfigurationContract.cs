using Fabric.Chaincode.Contracts;
using TradeFinance.Contracts.Internal;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Configuration;

namespace TradeFinance.Contracts;

/// <summary>
/// The chaincode's configuration: which organizations play issuing bank, advising bank and carrier, the
/// collections, the banking calendar. Stored in public state under a key-level endorsement policy that requires
/// the peers of every organization named, so that no organization can change the roles alone.
/// </summary>
[Contract(Name = "TradeConfiguration", Title = "Trade finance configuration")]
public sealed class TradeConfigurationContract : Contract
{
    /// <summary>Stores the first configuration. The caller must be an officer of one of the organizations it names.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<TradeConfiguration> InitializeAsync(ChaincodeContext context, TradeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new TradeLedger(context);
        TradeConfiguration.Validate(configuration);
        if (await ledger.FindAsync<TradeConfiguration>(TradeKeys.Configuration).ConfigureAwait(false) is not null)
        {
            throw TradeErrors.Conflict("The chaincode is already configured: use TradeConfiguration:Update, endorsed by every organization concerned.");
        }

        RequireOfficerAmong(ledger.Caller, configuration.Organizations);
        return await StoreAsync(context, ledger, configuration, TradeEvents.ConfigurationInitialized).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the configuration. The chaincode requires an officer of a configured organization; the peers then
    /// accept the change only if every organization of the current configuration endorsed it (key-level policy).
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<TradeConfiguration> UpdateAsync(ChaincodeContext context, TradeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new TradeLedger(context);
        TradeConfiguration.Validate(configuration);
        var current = await ledger.GetConfigurationAsync().ConfigureAwait(false);
        RequireOfficerAmong(ledger.Caller, current.Organizations);
        return await StoreAsync(context, ledger, configuration, TradeEvents.ConfigurationUpdated).ConfigureAwait(false);
    }

    /// <summary>The configuration in force.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public Task<TradeConfiguration> GetAsync(ChaincodeContext context) => new TradeLedger(context).GetConfigurationAsync();

    private static async Task<TradeConfiguration> StoreAsync(ChaincodeContext context, TradeLedger ledger, TradeConfiguration configuration, string eventName)
    {
        await ledger.PutAsync(configuration, TradeKeys.Configuration).ConfigureAwait(false);
        await ledger.RequireEndorsementAsync(configuration.Organizations, TradeKeys.Configuration).ConfigureAwait(false);
        ledger.Emit(eventName, new ConfigurationEvent(configuration.Organizations, ledger.TxId));
        TradeLog.ConfigurationChanged(context.Logger, eventName, configuration.Organizations, ledger.TxId);
        return configuration;
    }

    private static void RequireOfficerAmong(Caller caller, IReadOnlyList<string> organizations)
    {
        if (caller.Role != TradeRoles.Officer || !organizations.Contains(caller.MspId, StringComparer.Ordinal))
        {
            throw TradeErrors.Forbidden(
                $"Only an officer (role=officer) of {string.Join(", ", organizations)} may configure the chaincode; the caller is {caller.Describe()}.");
        }
    }
}
