using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Fabric.Gateway.Api.Journal;

/// <summary>
/// The journal in a SQLite file (the default), with write-ahead logging: the record of a signed transaction is synced
/// to disk before the transaction is sent; later updates are synced lazily (one disk sync per submit instead of five).
/// </summary>
internal sealed class SqliteJournal(string connectionString) : SqlJournal
{
    protected override string BinaryType => "BLOB";

    protected override IEnumerable<string> Preamble => ["PRAGMA journal_mode=WAL"];

    protected override async Task<DbConnection> OpenAsync(bool durable, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // With write-ahead logging, FULL syncs the log at each commit (and so everything written before it); NORMAL
            // survives a crash of the process but not of the machine. Set on every open: pooled connections keep it.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
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
