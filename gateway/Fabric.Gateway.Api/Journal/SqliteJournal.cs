using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Fabric.Gateway.Api.Journal;

/// <summary>
/// The journal in a SQLite file (the default), with write-ahead logging.
/// </summary>
/// <remarks>
/// SQLite takes one writer at a time; concurrent writers on their own connections meet SQLITE_BUSY, on which
/// Microsoft.Data.Sqlite puts the thread to sleep and tries again: under load that was most of the gateway's overhead
/// (a trace showed 40 thread-seconds asleep per 10 s of load). So every write goes through one queue, drained by one
/// writer on one connection: the writes waiting at that moment run in one transaction (each in a savepoint when there
/// are several, so one failing write does not undo the others) and are committed together. A batch holding a durable
/// write is committed with a disk sync; one sync then covers every transaction of the batch (group commit). Reads run
/// on their own connections beside the writer, as write-ahead logging allows.
/// </remarks>
internal sealed class SqliteJournal : SqlJournal, IAsyncDisposable
{
    /// <summary>At most this many writes share one transaction, so that one batch does not keep the rest waiting long.</summary>
    private const int MaxBatch = 256;

    private readonly string _connectionString;
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _writer;

    public SqliteJournal(string connectionString)
    {
        _connectionString = connectionString;
        _writer = new Lazy<Task>(() => Task.Run(WriteLoopAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    protected override string BinaryType => "BLOB";

    protected override IEnumerable<string> Preamble => ["PRAGMA journal_mode=WAL"];

    // Every write goes through the writer's own connection, which sets its durability per batch; the other connections
    // read (or create the tables, at SQLite's default: synchronous FULL).
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override Task<T> WriteAsync<T>(bool durable, Func<DbConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var queued = new QueuedWrite<T>(durable, write, cancellationToken);
        if (!_queue.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(nameof(SqliteJournal), "The journal is shut down.");
        }

        _ = _writer.Value;
        return queued.Result;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer.IsValueCreated)
        {
            // Writes already queued are finished first: each belongs to a request waiting for it.
            await _writer.Value.ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync()
    {
        DbConnection? connection = null;
        bool? durableConnection = null;
        var batch = new List<QueuedWrite>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var queued))
                {
                    batch.Add(queued);
                }

                try
                {
                    if (connection is null)
                    {
                        // A pooled connection keeps the durability it was last given: set it anew below.
                        connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
                        durableConnection = null;
                    }

                    // FULL syncs the write-ahead log at the commit; NORMAL survives a crash of the process but not of
                    // the machine. Switched between transactions, on the writer's one connection.
                    var durable = batch.Exists(write => write.Durable);
                    if (durable != durableConnection)
                    {
                        await ExecuteAsync(connection, durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL").ConfigureAwait(false);
                        durableConnection = durable;
                    }

                    await CommitBatchAsync(connection, batch).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // The batch as a whole failed (no connection, or the commit itself): nothing of it was applied.
                    // The writer carries on with a new connection: later writes must not wait forever.
                    foreach (var write in batch)
                    {
                        write.Fail(e);
                    }

                    if (connection is not null)
                    {
                        await connection.DisposeAsync().ConfigureAwait(false);
                        connection = null;
                    }
                }

                batch.Clear();
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task CommitBatchAsync(DbConnection connection, List<QueuedWrite> batch)
    {
        await ExecuteAsync(connection, "BEGIN IMMEDIATE").ConfigureAwait(false);
        var applied = new List<QueuedWrite>(batch.Count);
        // A write alone in its batch needs no savepoint: if it fails, the whole transaction is undone.
        var isolate = batch.Count > 1;
        try
        {
            foreach (var write in batch)
            {
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Cancel();
                    continue;
                }

                if (isolate)
                {
                    await ExecuteAsync(connection, "SAVEPOINT queued_write").ConfigureAwait(false);
                }

                try
                {
                    await write.RunAsync(connection).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // This write's own failure (a constraint, a cancelled read): undo it alone.
                    if (!isolate)
                    {
                        await ExecuteAsync(connection, "ROLLBACK").ConfigureAwait(false);
                        write.Fail(e);
                        return;
                    }

                    await ExecuteAsync(connection, "ROLLBACK TO queued_write").ConfigureAwait(false);
                    await ExecuteAsync(connection, "RELEASE queued_write").ConfigureAwait(false);
                    write.Fail(e);
                    continue;
                }

                if (isolate)
                {
                    await ExecuteAsync(connection, "RELEASE queued_write").ConfigureAwait(false);
                }

                applied.Add(write);
            }

            await ExecuteAsync(connection, "COMMIT").ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await ExecuteAsync(connection, "ROLLBACK").ConfigureAwait(false);
            }
            catch (SqliteException)
            {
                // SQLite already rolled the transaction back (a failed commit or a full disk does).
            }

            throw;
        }

        foreach (var write in applied)
        {
            write.Complete();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL only.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>A write waiting for the writer; its caller learns the outcome only once its transaction committed.</summary>
    private abstract class QueuedWrite(bool durable, CancellationToken cancellationToken)
    {
        public bool Durable { get; } = durable;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract Task RunAsync(DbConnection connection);

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    private sealed class QueuedWrite<T>(bool durable, Func<DbConnection, Task<T>> write, CancellationToken cancellationToken)
        : QueuedWrite(durable, cancellationToken)
    {
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Result => _outcome.Task;

        public override async Task RunAsync(DbConnection connection) => _result = await write(connection).ConfigureAwait(false);

        public override void Complete() => _outcome.TrySetResult(_result!);

        public override void Fail(Exception exception) => _outcome.TrySetException(exception);

        public override void Cancel() => _outcome.TrySetCanceled(CancellationToken);
    }
}
