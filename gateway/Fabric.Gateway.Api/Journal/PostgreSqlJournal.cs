using System.Data.Common;
using Npgsql;

namespace Fabric.Gateway.Api.Journal;

/// <summary>The journal in PostgreSQL (<c>Journal:Provider = PostgreSql</c>), for several gateway instances or managed storage.</summary>
internal sealed class PostgreSqlJournal(NpgsqlDataSource dataSource) : SqlJournal, IAsyncDisposable
{
    // Gateways starting together would race on CREATE TABLE IF NOT EXISTS (PostgreSQL can then fail with a
    // duplicate pg_type key): an advisory lock makes the creation one at a time.
    private const long SchemaLock = 0x46616272_69634a6c;

    protected override string BinaryType => "BYTEA";

    protected override IEnumerable<string> Preamble => [$"SELECT pg_advisory_lock({SchemaLock})"];

    protected override IEnumerable<string> Postamble => [$"SELECT pg_advisory_unlock({SchemaLock})"];

    // PostgreSQL commits are durable by default (synchronous_commit = on) whatever is asked for.
    protected override async Task<DbConnection> OpenAsync(bool durable, CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
