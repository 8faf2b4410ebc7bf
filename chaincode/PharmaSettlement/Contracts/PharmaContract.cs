using Fabric.Chaincode.Contracts;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>Base of this chaincode's contracts: gives each transaction its <see cref="Ledger"/>.</summary>
internal abstract class PharmaContract : Contract
{
    private Ledger? _ledger;

    /// <summary>The ledger of the current transaction (a contract instance serves exactly one transaction).</summary>
    protected Ledger Ledger => _ledger ?? throw new InvalidOperationException("The ledger is set before the transaction runs.");

    public override Task BeforeTransactionAsync(ChaincodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ledger = new Ledger(context);
        return Task.CompletedTask;
    }
}
