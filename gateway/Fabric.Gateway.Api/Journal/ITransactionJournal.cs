namespace Fabric.Gateway.Api.Journal;

/// <summary>
/// The durable record of every signed transaction the gateway sends: written before sending, updated with the
/// outcome, read back after a restart. SQLite by default, PostgreSQL by configuration.
/// </summary>
public interface ITransactionJournal
{
    /// <summary>Creates the tables if they do not exist.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new entry (state <see cref="JournalState.Endorsed"/>).</summary>
    Task RecordAsync(JournalEntry entry, CancellationToken cancellationToken);

    /// <summary>Records that the orderer accepted the transaction (unless an outcome is already known).</summary>
    Task MarkSubmittedAsync(string transactionId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records the final outcome.</summary>
    Task RecordOutcomeAsync(
        string transactionId, JournalState state, int? validationCode, ulong? blockNumber, DateTimeOffset at, CancellationToken cancellationToken);

    Task<JournalEntry?> FindAsync(string transactionId, CancellationToken cancellationToken);

    /// <summary>The latest entry a principal created under an Idempotency-Key (MVCC retries create several).</summary>
    Task<JournalEntry?> FindLatestByIdempotencyKeyAsync(string principal, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Entries without a final outcome that were last touched before <paramref name="untouchedSince"/>.</summary>
    Task<IReadOnlyList<JournalEntry>> ListUnfinishedAsync(DateTimeOffset untouchedSince, CancellationToken cancellationToken);
}
