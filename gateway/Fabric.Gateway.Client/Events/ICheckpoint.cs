namespace Fabric.Gateway.Client;

/// <summary>A position in the event stream to resume from.</summary>
public interface ICheckpoint
{
    /// <summary>The block to resume at. Together with an empty <see cref="TransactionId"/> and 0, "no checkpoint yet".</summary>
    ulong BlockNumber { get; }

    /// <summary>
    /// The last transaction already processed in <see cref="BlockNumber"/>: chaincode events of this transaction and
    /// the ones before it in that block are skipped. Null or empty when the whole block is still to be read.
    /// </summary>
    string? TransactionId { get; }
}
