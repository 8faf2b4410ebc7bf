namespace Fabric.Chaincode.Contracts;

/// <summary>
/// Base class of contracts. A contract is a class whose public methods marked <see cref="TransactionAttribute"/>
/// are transactions, called as <c>ContractName:MethodName</c> (or just <c>MethodName</c> on the default contract).
/// A transaction method takes a <see cref="ChaincodeContext"/> first, then its arguments, and may return a value
/// (sent to the client as JSON, strings and bytes as they are), a Task, or a Task of a value. A new instance
/// is created for every transaction.
/// </summary>
public abstract class Contract
{
    /// <summary>Runs before every transaction of this contract (after the arguments were bound), for example for access checks.</summary>
    public virtual Task BeforeTransactionAsync(ChaincodeContext context) => Task.CompletedTask;

    /// <summary>Runs after every transaction of this contract that succeeded, with its result.</summary>
    public virtual Task AfterTransactionAsync(ChaincodeContext context, object? result) => Task.CompletedTask;

    /// <summary>
    /// Runs when the function name matches no transaction of this contract. The default fails the transaction
    /// with status 400; an override that returns normally makes the transaction succeed with an empty payload.
    /// </summary>
    public virtual Task UnknownTransactionAsync(ChaincodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        throw ChaincodeException.BadRequest(
            $"Function '{context.TransactionName}' does not exist in contract '{context.ContractName}'.");
    }
}
