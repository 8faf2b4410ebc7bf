using System.Data;
using System.Data.Common;
using Fabric.Gateway.Api.Webhooks;

namespace Fabric.Gateway.Api.Journal;

/// <summary>
/// The journal and idempotency store in plain SQL that SQLite and PostgreSQL both understand; the subclasses give
/// the connection and the few words that differ (binary column type, pragmas).
/// </summary>
internal abstract class SqlJournal : ITransactionJournal, IIdempotencyStore, IWebhookCheckpoints
{
    private const string EntryColumns =
        "tx_id, principal, idempotency_key, identity_name, network, channel, signed_tx, state, validation_code, block_number, created_at, updated_at";

    /// <summary>
    /// Literal, not parameters: a query can use a partial index only when its condition visibly implies the index's.
    /// </summary>
    private const string UnfinishedCondition = $"state IN ('{nameof(JournalState.Endorsed)}', '{nameof(JournalState.Submitted)}')";

    /// <summary>The column type for byte arrays.</summary>
    protected abstract string BinaryType { get; }

    /// <summary>Opens a connection.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Statements run once on initialization before the tables are created.</summary>
    protected virtual IEnumerable<string> Preamble => [];

    /// <summary>Statements run once on initialization after the tables are created.</summary>
    protected virtual IEnumerable<string> Postamble => [];

    /// <summary>
    /// Runs one write (statements that belong together) and returns what it found. <paramref name="durable"/>
    /// writes must be on disk when the call returns: only the record of a signed transaction before it is sent (and a
    /// webhook checkpoint) needs that; everything else can be re-derived after a power loss (the outcome from the
    /// peers' commit status, an idempotent response from the journal), so it may be synced lazily. The default opens a
    /// connection of its own, which suits a server database that takes concurrent writers and commits durably anyway;
    /// SQLite, with one writer at a time, queues the writes instead.
    /// </summary>
    protected virtual async Task<T> WriteAsync<T>(bool durable, Func<SqlStatements, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var statements = await OpenStatementsAsync(keepPrepared: false, cancellationToken).ConfigureAwait(false);
        return await write(statements).ConfigureAwait(false);
    }

    /// <summary>A new connection, with the commands to be made on it; disposing them closes it.</summary>
    protected async Task<SqlStatements> OpenStatementsAsync(bool keepPrepared, CancellationToken cancellationToken) =>
        new(await OpenAsync(cancellationToken).ConfigureAwait(false), keepPrepared);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        string[] statements =
        [
            .. Preamble,
            $"""
            CREATE TABLE IF NOT EXISTS fabric_transactions (
                tx_id TEXT PRIMARY KEY,
                principal TEXT NOT NULL,
                idempotency_key TEXT NULL,
                identity_name TEXT NOT NULL,
                network TEXT NOT NULL,
                channel TEXT NOT NULL,
                signed_tx {BinaryType} NOT NULL,
                state TEXT NOT NULL,
                validation_code BIGINT NULL,
                block_number BIGINT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS ix_fabric_transactions_key ON fabric_transactions (principal, idempotency_key)",
            // Only the transactions still without outcome (the recovery sweep's query), so that the index stays as small
            // as the number in flight instead of moving every row on every state change; it replaced an index on
            // (state, updated_at) over all rows.
            "DROP INDEX IF EXISTS ix_fabric_transactions_state",
            $"CREATE INDEX IF NOT EXISTS ix_fabric_transactions_unfinished ON fabric_transactions (updated_at) WHERE {UnfinishedCondition}",
            $"""
            CREATE TABLE IF NOT EXISTS fabric_idempotency (
                principal TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                request_hash {BinaryType} NOT NULL,
                lease_until BIGINT NOT NULL,
                status_code BIGINT NULL,
                content_type TEXT NULL,
                location TEXT NULL,
                body {BinaryType} NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (principal, idempotency_key))
            """,
            """
            CREATE TABLE IF NOT EXISTS fabric_webhook_checkpoints (
                subscription TEXT PRIMARY KEY,
                block_number BIGINT NOT NULL,
                tx_id TEXT NOT NULL)
            """,
            .. Postamble,
        ];
        await using var session = await OpenStatementsAsync(keepPrepared: false, cancellationToken).ConfigureAwait(false);
        foreach (var statement in statements)
        {
            await session.Command(statement).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RecordAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await WriteAsync(durable: true, statements => statements.ExecuteAsync(
            $"INSERT INTO fabric_transactions ({EntryColumns}) VALUES (@tx, @principal, @key, @identity, @network, @channel, @signed, @state, @code, @block, @created, @updated)",
            ("@tx", entry.TransactionId),
            ("@principal", entry.Principal),
            ("@key", entry.IdempotencyKey),
            ("@identity", entry.IdentityName),
            ("@network", entry.Network),
            ("@channel", entry.Channel),
            ("@signed", entry.SignedTransaction),
            ("@state", entry.State.ToString()),
            ("@code", entry.ValidationCode is { } code ? (long)code : null),
            ("@block", entry.BlockNumber is { } block ? (long)block : null),
            ("@created", entry.CreatedAt.ToUnixTimeMilliseconds()),
            ("@updated", entry.UpdatedAt.ToUnixTimeMilliseconds())), cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkSubmittedAsync(string transactionId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await WriteAsync(durable: false, statements => statements.ExecuteAsync(
            "UPDATE fabric_transactions SET state = @state, updated_at = @at WHERE tx_id = @tx AND state = @endorsed",
            ("@state", nameof(JournalState.Submitted)),
            ("@at", at.ToUnixTimeMilliseconds()),
            ("@tx", transactionId),
            ("@endorsed", nameof(JournalState.Endorsed))), cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordOutcomeAsync(
        string transactionId, JournalState state, int? validationCode, ulong? blockNumber, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await WriteAsync(durable: false, statements => statements.ExecuteAsync(
            "UPDATE fabric_transactions SET state = @state, validation_code = @code, block_number = @block, updated_at = @at WHERE tx_id = @tx",
            ("@state", state.ToString()),
            ("@code", validationCode is { } code ? (long)code : null),
            ("@block", blockNumber is { } block ? (long)block : null),
            ("@at", at.ToUnixTimeMilliseconds()),
            ("@tx", transactionId)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<JournalEntry?> FindAsync(string transactionId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            $"SELECT {EntryColumns} FROM fabric_transactions WHERE tx_id = @tx", cancellationToken, ("@tx", transactionId)).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<JournalEntry?> FindLatestByIdempotencyKeyAsync(string principal, string idempotencyKey, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            $"SELECT {EntryColumns} FROM fabric_transactions WHERE principal = @principal AND idempotency_key = @key ORDER BY created_at DESC, updated_at DESC",
            cancellationToken,
            ("@principal", principal),
            ("@key", idempotencyKey)).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<JournalEntry>> ListUnfinishedAsync(DateTimeOffset untouchedSince, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {EntryColumns} FROM fabric_transactions WHERE {UnfinishedCondition} AND updated_at <= @since ORDER BY created_at",
            cancellationToken,
            ("@since", untouchedSince.ToUnixTimeMilliseconds()));

    public Task<IdempotencyClaim> ClaimAsync(
        string principal, string key, byte[] requestHash, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        WriteAsync(
            durable: false,
            statements => ClaimOnAsync(statements, principal, key, requestHash, now, leaseUntil, cancellationToken),
            cancellationToken);

    private static async Task<IdempotencyClaim> ClaimOnAsync(
        SqlStatements statements, string principal, string key, byte[] requestHash, DateTimeOffset now, DateTimeOffset leaseUntil,
        CancellationToken cancellationToken)
    {
        var inserted = await statements.Command(
            "INSERT INTO fabric_idempotency (principal, idempotency_key, request_hash, lease_until, created_at) VALUES (@principal, @key, @hash, @lease, @now) ON CONFLICT DO NOTHING",
            ("@principal", principal),
            ("@key", key),
            ("@hash", requestHash),
            ("@lease", leaseUntil.ToUnixTimeMilliseconds()),
            ("@now", now.ToUnixTimeMilliseconds())).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (inserted == 1)
        {
            return new IdempotencyClaim(ClaimStatus.Claimed, FirstAttempt: true);
        }

        byte[]? storedHash = null;
        long lease = 0;
        StoredResponse? response = null;
        var select = statements.Command(
            "SELECT request_hash, lease_until, status_code, content_type, location, body FROM fabric_idempotency WHERE principal = @principal AND idempotency_key = @key",
            ("@principal", principal),
            ("@key", key));
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                storedHash = (byte[])reader.GetValue(0);
                lease = reader.GetInt64(1);
                if (!reader.IsDBNull(2))
                {
                    response = new StoredResponse(
                        (int)reader.GetInt64(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? [] : (byte[])reader.GetValue(5));
                }
            }
        }

        if (storedHash is null)
        {
            // Gone although the insert met it (removed by hand in between): claim afresh, once the reader is closed
            // (the commands are the session's, and a prepared one cannot run again while its reader is open).
            return await ClaimOnAsync(statements, principal, key, requestHash, now, leaseUntil, cancellationToken).ConfigureAwait(false);
        }

        if (!storedHash.AsSpan().SequenceEqual(requestHash))
        {
            return new IdempotencyClaim(ClaimStatus.Mismatch);
        }

        if (response is not null)
        {
            return new IdempotencyClaim(ClaimStatus.Completed, response);
        }

        if (lease > now.ToUnixTimeMilliseconds())
        {
            return new IdempotencyClaim(ClaimStatus.InProgress);
        }

        // The holder's lease ran out (its gateway stopped) or it gave the key up: take over, unless another request just
        // did. Not a first attempt: the earlier one may have journaled a transaction, which the invoker then finishes.
        var takeOver = statements.Command(
            "UPDATE fabric_idempotency SET lease_until = @lease WHERE principal = @principal AND idempotency_key = @key AND lease_until = @old AND status_code IS NULL",
            ("@lease", leaseUntil.ToUnixTimeMilliseconds()),
            ("@principal", principal),
            ("@key", key),
            ("@old", lease));
        return await takeOver.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1
            ? new IdempotencyClaim(ClaimStatus.Claimed, FirstAttempt: false)
            : new IdempotencyClaim(ClaimStatus.InProgress);
    }

    public async Task CompleteAsync(string principal, string key, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await WriteAsync(durable: false, statements => statements.ExecuteAsync(
            "UPDATE fabric_idempotency SET status_code = @status, content_type = @type, location = @location, body = @body WHERE principal = @principal AND idempotency_key = @key",
            ("@status", (long)response.StatusCode),
            ("@type", response.ContentType),
            ("@location", response.Location),
            ("@body", response.Body),
            ("@principal", principal),
            ("@key", key)), cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string principal, string key, CancellationToken cancellationToken)
    {
        // The row stays, with its lease over: the next request with the key takes it over, must be the same request,
        // and learns that an earlier attempt ran.
        await WriteAsync(durable: false, statements => statements.ExecuteAsync(
            "UPDATE fabric_idempotency SET lease_until = 0 WHERE principal = @principal AND idempotency_key = @key AND status_code IS NULL",
            ("@principal", principal),
            ("@key", key)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<(ulong BlockNumber, string TransactionId)?> GetAsync(string subscription, CancellationToken cancellationToken)
    {
        await using var statements = await OpenStatementsAsync(keepPrepared: false, cancellationToken).ConfigureAwait(false);
        await using var reader = await statements
            .Command("SELECT block_number, tx_id FROM fabric_webhook_checkpoints WHERE subscription = @name", ("@name", subscription))
            .ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ((ulong)reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async Task SaveAsync(string subscription, ulong blockNumber, string transactionId, CancellationToken cancellationToken)
    {
        // Synced: a checkpoint lost to a power cut would deliver events a second time.
        await WriteAsync(durable: true, statements => statements.ExecuteAsync(
            "INSERT INTO fabric_webhook_checkpoints (subscription, block_number, tx_id) VALUES (@name, @block, @tx) ON CONFLICT (subscription) DO UPDATE SET block_number = @block, tx_id = @tx",
            ("@name", subscription),
            ("@block", (long)blockNumber),
            ("@tx", transactionId)), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<JournalEntry>> QueryAsync(
        string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var statements = await OpenStatementsAsync(keepPrepared: false, cancellationToken).ConfigureAwait(false);
        await using var reader = await statements.Command(sql, parameters).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new JournalEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                (byte[])reader.GetValue(6),
                Enum.Parse<JournalState>(reader.GetString(7)),
                reader.IsDBNull(8) ? null : (int)reader.GetInt64(8),
                reader.IsDBNull(9) ? null : (ulong)reader.GetInt64(9),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11))));
        }

        return entries;
    }
}
