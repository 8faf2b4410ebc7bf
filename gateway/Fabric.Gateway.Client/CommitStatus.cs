using Fabric.Protos.Peer;

namespace Fabric.Gateway.Client;

/// <summary>How a transaction was committed.</summary>
/// <param name="TransactionId">The transaction.</param>
/// <param name="Code">The committing peer's validation result; only <see cref="TxValidationCode.Valid"/> applied its writes.</param>
/// <param name="BlockNumber">The block that holds the transaction.</param>
public sealed record CommitStatus(string TransactionId, TxValidationCode Code, ulong BlockNumber)
{
    /// <summary>True when the transaction is valid and its writes were applied.</summary>
    public bool IsSuccessful => Code == TxValidationCode.Valid;
}
