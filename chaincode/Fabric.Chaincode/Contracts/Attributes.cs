namespace Fabric.Chaincode.Contracts;

/// <summary>Whether a transaction changes the ledger (submitted to the orderer) or only reads it (evaluated).</summary>
public enum TransactionIntent
{
    /// <summary>Endorsed, ordered and committed (metadata tag SUBMIT).</summary>
    Submit,

    /// <summary>Only read; clients evaluate it on one peer (metadata tag EVALUATE).</summary>
    Evaluate,
}

/// <summary>Names a contract and describes it in the metadata.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ContractAttribute : Attribute
{
    /// <summary>The contract name used in <c>ContractName:TransactionName</c>. Default: the class name.</summary>
    public string? Name { get; set; }

    /// <summary>Title in the metadata. Default empty.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Version in the metadata. Default empty.</summary>
    public string Version { get; set; } = string.Empty;

    /// <summary>Makes this the default contract (otherwise the first contract added is).</summary>
    public bool IsDefault { get; set; }
}

/// <summary>Marks a public method of a <see cref="Contract"/> as a transaction.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class TransactionAttribute : Attribute
{
    public TransactionAttribute(TransactionIntent intent = TransactionIntent.Submit)
    {
        Intent = intent;
    }

    /// <summary>Submit (default) or evaluate.</summary>
    public TransactionIntent Intent { get; }

    /// <summary>The transaction name. Default: the method name without an <c>Async</c> suffix.</summary>
    public string? Name { get; set; }
}

/// <summary>
/// Binds a transaction parameter from the proposal's transient data instead of its arguments (for private data
/// inputs that must not appear in the transaction). The value is read like an argument (JSON, or raw text/bytes).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = true)]
public sealed class TransientAttribute : Attribute
{
    /// <summary>The transient map key. Default: the parameter name.</summary>
    public string? Key { get; set; }
}
