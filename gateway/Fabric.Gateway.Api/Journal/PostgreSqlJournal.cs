using System.Data.Common;
using Npgsql;

namespace Fabric.Gateway.Api.Journal;

/// <summary>The journal in PostgreSQL (<c>Journal:Provider = PostgreSql</c>), for several gateway instances or managed storage.</summary>
internal sealed class PostgreSqlJournal(NpgsqlDataSource dataSource) : SqlJournal, IAsyncDisposable
{
    protected override string BinaryType => "BYTEA";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
