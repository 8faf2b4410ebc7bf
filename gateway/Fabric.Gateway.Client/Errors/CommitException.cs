using Fabric.Protos.Peer;

namespace Fabric.Gateway.Client;

/// <summary>
/// The transaction was ordered into a block but the committing peers marked it invalid, e.g.
/// <see cref="TxValidationCode.MvccReadConflict"/> or <see cref="TxValidationCode.EndorsementPolicyFailure"/>.
/// Its writes were not applied. <see cref="GatewayException.StatusCode"/> is null: the gRPC calls succeeded.
/// </summary>
public sealed class CommitException : TransactionException
{
    public CommitException()
        : this("The transaction failed to commit.")
    {
    }

    public CommitException(string message)
        : base(message)
    {
    }

    public CommitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CommitException(string transactionId, TxValidationCode validationCode, ulong blockNumber)
        : base(
            $"Transaction {transactionId} failed to commit with status code {(int)validationCode} ({FabricName(validationCode)}) in block {blockNumber}.",
            transactionId, null, [], null)
    {
        ValidationCode = validationCode;
        BlockNumber = blockNumber;
    }

    /// <summary>Why the committing peers rejected the transaction.</summary>
    public TxValidationCode ValidationCode { get; }

    /// <summary>The block that holds the (invalid) transaction.</summary>
    public ulong BlockNumber { get; }

    /// <summary>The code's name as Fabric spells it, e.g. MVCC_READ_CONFLICT.</summary>
    private static string FabricName(TxValidationCode code) =>
        TransactionReflection.Descriptor.EnumTypes
            .FirstOrDefault(e => e.Name == nameof(TxValidationCode))?
            .FindValueByNumber((int)code)?.Name ?? code.ToString();
}
