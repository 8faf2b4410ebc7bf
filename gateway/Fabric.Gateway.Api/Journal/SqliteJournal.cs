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
/// writer on one connection, whose statements stay prepared: the writes waiting at that moment run in one transaction
/// and are committed together. A batch holding a durable write is committed with a disk sync; one sync then covers
/// every transaction of the batch (group commit). Should one write of a batch fail, the batch is undone and each of
/// its writes runs again in a transaction of its own, so that one failing write fails alone (a savepoint around every
/// write would do the same at the price of two more statements per write, every time). Reads run on their own
/// connections beside the writer, as write-ahead logging allows.
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
        _writer = new Lazy<Task>(StartWriter, LazyThreadSafetyMode.ExecutionAndPublication);
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

    protected override Task<T> WriteAsync<T>(bool durable, Func<SqlStatements, Task<T>> write, CancellationToken cancellationToken)
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

    /// <summary>
    /// The writer runs on a thread of its own. On the thread pool, every wake-up of the writer waited in the pool's
    /// queue behind the requests' work, under load for milliseconds, with every request's journal write waiting behind
    /// it. SQLite's calls are synchronous anyway, so the thread only ever blocks when the queue is empty.
    /// </summary>
    private Task StartWriter()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                WriteLoopAsync().GetAwaiter().GetResult();
                done.TrySetResult();
            }
#pragma warning disable CA1031 // Handed to whoever waits for the writer to end.
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "SQLite journal writer",
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>Blocks the writer's thread until a write is queued; false once the journal is shut down and drained.</summary>
    private bool WaitForWrites()
    {
        var waiting = _queue.Reader.WaitToReadAsync();
        return waiting.IsCompletedSuccessfully ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult();
    }

    private async Task WriteLoopAsync()
    {
        SqlStatements? statements = null;
        bool? durableConnection = null;
        var batch = new List<QueuedWrite>(MaxBatch);
        try
        {
            while (WaitForWrites())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var queued))
                {
                    if (queued.CancellationToken.IsCancellationRequested)
                    {
                        queued.Cancel();
                        continue;
                    }

                    batch.Add(queued);
                }

                try
                {
                    if (statements is null)
                    {
                        // A pooled connection keeps the durability it was last given: set it anew below.
                        statements = await OpenStatementsAsync(keepPrepared: true, CancellationToken.None).ConfigureAwait(false);
                        durableConnection = null;
                    }

                    // FULL syncs the write-ahead log at the commit; NORMAL survives a crash of the process but not of
                    // the machine. Switched between transactions, on the writer's one connection.
                    var durable = batch.Exists(write => write.Durable);
                    if (durable != durableConnection)
                    {
                        await statements.ExecuteAsync(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL").ConfigureAwait(false);
                        durableConnection = durable;
                    }

                    if (batch.Count == 1)
                    {
                        await CommitAloneAsync(statements, batch[0]).ConfigureAwait(false);
                    }
                    else if (!await TryCommitTogetherAsync(statements, batch).ConfigureAwait(false))
                    {
                        foreach (var write in batch)
                        {
                            await CommitAloneAsync(statements, write).ConfigureAwait(false);
                        }
                    }
                }
                catch (Exception e)
                {
                    // The connection or a commit itself failed: what is not answered yet was not applied. The writer
                    // carries on with a new connection: later writes must not wait forever.
                    foreach (var write in batch)
                    {
                        write.Fail(e);
                    }

                    if (statements is not null)
                    {
                        await statements.DisposeAsync().ConfigureAwait(false);
                        statements = null;
                    }
                }

                batch.Clear();
            }
        }
        finally
        {
            if (statements is not null)
            {
                await statements.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs every write of the batch in one transaction; false, with nothing applied, if one of them failed.</summary>
    private static async Task<bool> TryCommitTogetherAsync(SqlStatements statements, List<QueuedWrite> batch)
    {
        await statements.ExecuteAsync("BEGIN IMMEDIATE").ConfigureAwait(false);
        try
        {
            foreach (var write in batch)
            {
                await write.RunAsync(statements).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // A write's own failure (a constraint, say): undo the batch, whose writes then run one by one.
            await RollbackAsync(statements).ConfigureAwait(false);
            return false;
        }

        await CommitAsync(statements).ConfigureAwait(false);
        foreach (var write in batch)
        {
            write.Complete();
        }

        return true;
    }

    private static async Task CommitAloneAsync(SqlStatements statements, QueuedWrite write)
    {
        await statements.ExecuteAsync("BEGIN IMMEDIATE").ConfigureAwait(false);
        try
        {
            await write.RunAsync(statements).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await RollbackAsync(statements).ConfigureAwait(false);
            write.Fail(e);
            return;
        }

        await CommitAsync(statements).ConfigureAwait(false);
        write.Complete();
    }

    private static async Task CommitAsync(SqlStatements statements)
    {
        try
        {
            await statements.ExecuteAsync("COMMIT").ConfigureAwait(false);
        }
        catch
        {
            await RollbackAsync(statements).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task RollbackAsync(SqlStatements statements)
    {
        try
        {
            await statements.ExecuteAsync("ROLLBACK").ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back (a failed commit or a full disk does).
        }
    }

    /// <summary>A write waiting for the writer; its caller learns the outcome only once its transaction committed.</summary>
    private abstract class QueuedWrite(bool durable, CancellationToken cancellationToken)
    {
        public bool Durable { get; } = durable;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract Task RunAsync(SqlStatements statements);

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    private sealed class QueuedWrite<T>(bool durable, Func<SqlStatements, Task<T>> write, CancellationToken cancellationToken)
        : QueuedWrite(durable, cancellationToken)
    {
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Result => _outcome.Task;

        public override async Task RunAsync(SqlStatements statements) => _result = await write(statements).ConfigureAwait(false);

        public override void Complete() => _outcome.TrySetResult(_result!);

        public override void Fail(Exception exception) => _outcome.TrySetException(exception);

        public override void Cancel() => _outcome.TrySetCanceled(CancellationToken);
    }
}
