using System.Data;
using System.Data.Common;

namespace Fabric.Gateway.Api.Journal;

/// <summary>
/// A connection and the commands made on it, both owned here (callers dispose neither). With <c>keepPrepared</c> a command
/// is made once per SQL text and run again with new values: SQLite then parses and plans each statement once for the
/// life of the connection instead of once per run, which under load was the larger part of the journal's CPU.
/// </summary>
internal sealed class SqlStatements(DbConnection connection, bool keepPrepared) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private readonly List<DbCommand> _made = [];

    /// <summary>A command for <paramref name="sql"/> with these parameter values (null is SQL NULL).</summary>
    public DbCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (keepPrepared && _prepared.TryGetValue(sql, out var command))
        {
            // Same text, so the same parameters in the same order: only the values change.
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
            }

            return command;
        }

        command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants only; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is byte[])
            {
                parameter.DbType = DbType.Binary;
            }

            command.Parameters.Add(parameter);
        }

        if (keepPrepared)
        {
            _prepared.Add(sql, command);
        }
        else
        {
            _made.Add(command);
        }

        return command;
    }

    /// <summary>Runs a statement and returns the number of rows it changed.</summary>
    public Task<int> ExecuteAsync(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        // Not the caller's token: a write that has started runs to its end (queued writes share one transaction).
        Command(sql, parameters).ExecuteNonQueryAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _made.Concat(_prepared.Values))
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _made.Clear();
        _prepared.Clear();
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
