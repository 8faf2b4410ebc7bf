using System.Data.Common;
using Npgsql;

namespace Fabric.Gateway.Api.Journal;

/// <summary>The journal in PostgreSQL (<c>Journal:Provider = PostgreSql</c>), for several gateway instances or managed storage.</summary>
internal sealed class PostgreSqlJournal(NpgsqlDataSource dataSource) : SqlJournal, IAsyncDisposable
{
    // Gateways starting together would race on CREATE TABLE IF NOT EXISTS (PostgreSQL can then fail with a
    // duplicate pg_type key): an advisory lock makes the creation one at a time.
    private const long SchemaLock = 0x46616272_69634a6c;

    /// <summary>
    /// Connections a gateway opens at most unless the connection string says otherwise. Npgsql's own default (100)
    /// equals PostgreSQL's default max_connections: a burst of requests then took every slot and the server refused
    /// the rest (53300). With fewer, a burst waits briefly for a pooled connection instead.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>
    /// Statements Npgsql keeps prepared per connection unless the connection string says otherwise (Npgsql prepares
    /// none by default): the journal runs the same few statements for every request.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 20;

    /// <summary>
    /// A journal on <paramref name="connectionString"/>, with <see cref="DefaultMaxPoolSize"/> and
    /// <see cref="DefaultMaxAutoPrepare"/> unless it sets them.
    /// </summary>
    public static PostgreSqlJournal Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!keys.Overlaps(["MaxPoolSize", "MaximumPoolSize"]))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!keys.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return new PostgreSqlJournal(NpgsqlDataSource.Create(builder));
    }

    protected override string BinaryType => "BYTEA";

    protected override IEnumerable<string> Preamble => [$"SELECT pg_advisory_lock({SchemaLock})"];

    protected override IEnumerable<string> Postamble => [$"SELECT pg_advisory_unlock({SchemaLock})"];

    // PostgreSQL commits are durable by default (synchronous_commit = on): every write is durable, as the base class's
    // WriteAsync runs it.
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
