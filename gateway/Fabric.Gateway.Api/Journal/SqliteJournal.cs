using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Fabric.Gateway.Api.Journal;

/// <summary>The journal in a SQLite file (the default): write-ahead logging, so a crash loses no committed write.</summary>
internal sealed class SqliteJournal(string connectionString) : SqlJournal
{
    protected override string BinaryType => "BLOB";

    protected override IEnumerable<string> Preamble => ["PRAGMA journal_mode=WAL"];

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // FULL: a transaction is durable on disk before the gateway sends it.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=FULL";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
