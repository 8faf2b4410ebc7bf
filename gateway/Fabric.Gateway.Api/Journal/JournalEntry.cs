namespace Fabric.Gateway.Api.Journal;

/// <summary>Where a journaled transaction stands.</summary>
public enum JournalState
{
    /// <summary>Endorsed and signed, stored before it is sent; whether the orderer got it is unknown.</summary>
    Endorsed,

    /// <summary>The orderer accepted it; the commit is not confirmed yet.</summary>
    Submitted,

    /// <summary>Committed as VALID.</summary>
    Committed,

    /// <summary>Committed as invalid (e.g. MVCC_READ_CONFLICT); its writes were not applied.</summary>
    Invalid,

    /// <summary>The orderer refused it; it will never commit.</summary>
    Rejected,
}

/// <summary>
/// A signed transaction in the journal. <see cref="SignedTransaction"/> is the serialized, signed
/// <c>gateway.PreparedTransaction</c> (offline-signing tier): re-sending exactly these bytes can never make a second
/// transaction, because the ledger accepts one transaction per ID.
/// </summary>
public sealed record JournalEntry(
    string TransactionId,
    string Principal,
    string? IdempotencyKey,
    string IdentityName,
    string Network,
    string Channel,
    byte[] SignedTransaction,
    JournalState State,
    int? ValidationCode,
    ulong? BlockNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True once the outcome is final (committed, invalid or rejected).</summary>
    public bool IsFinished => State is JournalState.Committed or JournalState.Invalid or JournalState.Rejected;
}
