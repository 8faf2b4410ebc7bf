using Fabric.Gateway.Api.Journal;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fabric.Gateway.Api.Tests.Journal;

/// <summary>The journal's contract, run on SQLite always and on PostgreSQL when one is configured.</summary>
public sealed class SqlJournalTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task Sqlite_EntryLifecycle()
    {
        await using var journal = Sqlite();
        await EntryLifecycleAsync(journal);
    }

    [Fact]
    public async Task Sqlite_IdempotencyClaims()
    {
        await using var journal = Sqlite();
        await IdempotencyClaimsAsync(journal);
    }

    [Fact]
    public async Task Sqlite_ConcurrentWrites()
    {
        await using var journal = Sqlite();
        await ConcurrentWritesAsync(journal);
    }

    [SkippableFact]
    public async Task PostgreSql_ConcurrentWrites()
    {
        await using var journal = await PostgresAsync();
        await ConcurrentWritesAsync(journal);
    }

    [Fact]
    public async Task Sqlite_FailingWriteAlone_FailsAndTheWriterGoesOn()
    {
        await using var journal = Sqlite();
        await journal.InitializeAsync(CancellationToken.None);
        var txId = Guid.NewGuid().ToString("N");
        await journal.RecordAsync(Entry(txId, "p", "first"), CancellationToken.None);

        var again = () => journal.RecordAsync(Entry(txId, "p", "second"), CancellationToken.None);

        await again.Should().ThrowAsync<System.Data.Common.DbException>();
        (await journal.FindAsync(txId, CancellationToken.None))!.IdempotencyKey.Should().Be("first");
        await journal.MarkSubmittedAsync(txId, Now, CancellationToken.None);
        (await journal.FindAsync(txId, CancellationToken.None))!.State.Should().Be(JournalState.Submitted, "the writer carries on after a failed write");
    }

    [Fact]
    public async Task Sqlite_WriteAfterCancellation_IsNotApplied()
    {
        await using var journal = Sqlite();
        await journal.InitializeAsync(CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var claim = () => journal.ClaimAsync("p", "k", [1], Now, Now.AddMinutes(1), cancelled.Token);

        await claim.Should().ThrowAsync<OperationCanceledException>();
        (await journal.ClaimAsync("p", "k", [2], Now, Now.AddMinutes(1), CancellationToken.None)).Status.Should().Be(ClaimStatus.Claimed);
    }

    [Fact]
    public async Task Sqlite_Dispose_FinishesQueuedWritesFirst()
    {
        var txIds = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        var journal = Sqlite();
        await journal.InitializeAsync(CancellationToken.None);
        var writes = txIds.Select(txId => journal.RecordAsync(Entry(txId, "p", null), CancellationToken.None)).ToArray();

        await journal.DisposeAsync();

        await Task.WhenAll(writes);
        await using var reopened = Sqlite();
        foreach (var txId in txIds)
        {
            (await reopened.FindAsync(txId, CancellationToken.None)).Should().NotBeNull();
        }

        var late = () => journal.RecordAsync(Entry(Guid.NewGuid().ToString("N"), "p", null), CancellationToken.None);
        await late.Should().ThrowAsync<ObjectDisposedException>();
    }

    [SkippableFact]
    public async Task PostgreSql_EntryLifecycle()
    {
        await using var journal = await PostgresAsync();
        await EntryLifecycleAsync(journal);
    }

    [SkippableFact]
    public async Task PostgreSql_IdempotencyClaims()
    {
        await using var journal = await PostgresAsync();
        await IdempotencyClaimsAsync(journal);
    }

    [Fact]
    public async Task Sqlite_WebhookCheckpoints()
    {
        await using var journal = Sqlite();
        await WebhookCheckpointsAsync(journal);
    }

    [SkippableFact]
    public async Task PostgreSql_WebhookCheckpoints()
    {
        await using var journal = await PostgresAsync();
        await WebhookCheckpointsAsync(journal);
    }

    private static async Task WebhookCheckpointsAsync(SqlJournal checkpoints)
    {
        await checkpoints.InitializeAsync(CancellationToken.None);
        var name = "erp-" + Guid.NewGuid().ToString("N");

        (await checkpoints.GetAsync(name, CancellationToken.None)).Should().BeNull();
        await checkpoints.SaveAsync(name, 3, "aa01", CancellationToken.None);
        await checkpoints.SaveAsync(name, 5, "bb02", CancellationToken.None);

        (await checkpoints.GetAsync(name, CancellationToken.None)).Should().Be((5UL, "bb02"));
    }

    private static async Task EntryLifecycleAsync(SqlJournal journal)
    {
        await journal.InitializeAsync(CancellationToken.None);
        await journal.InitializeAsync(CancellationToken.None);
        var txId = Guid.NewGuid().ToString("N");
        var principal = "p-" + Guid.NewGuid().ToString("N");
        var entry = new JournalEntry(txId, principal, "key-1", "org1-user", "trade", "trade", [1, 2, 3], JournalState.Endorsed, null, null, Now, Now);

        await journal.RecordAsync(entry, CancellationToken.None);
        (await journal.FindAsync(txId, CancellationToken.None)).Should().BeEquivalentTo(entry);
        (await journal.ListUnfinishedAsync(Now, CancellationToken.None)).Select(e => e.TransactionId).Should().Contain(txId);
        (await journal.ListUnfinishedAsync(Now.AddSeconds(-1), CancellationToken.None)).Select(e => e.TransactionId).Should().NotContain(txId);

        await journal.MarkSubmittedAsync(txId, Now.AddSeconds(1), CancellationToken.None);
        (await journal.FindAsync(txId, CancellationToken.None))!.State.Should().Be(JournalState.Submitted);

        await journal.RecordOutcomeAsync(txId, JournalState.Committed, 0, 12, Now.AddSeconds(2), CancellationToken.None);
        await journal.MarkSubmittedAsync(txId, Now.AddSeconds(3), CancellationToken.None);
        var done = await journal.FindAsync(txId, CancellationToken.None);
        done!.State.Should().Be(JournalState.Committed, "a late 'submitted' never overwrites an outcome");
        done.BlockNumber.Should().Be(12UL);
        done.ValidationCode.Should().Be(0);
        (await journal.ListUnfinishedAsync(Now.AddHours(1), CancellationToken.None)).Select(e => e.TransactionId).Should().NotContain(txId);

        var retry = entry with { TransactionId = Guid.NewGuid().ToString("N"), CreatedAt = Now.AddSeconds(5), UpdatedAt = Now.AddSeconds(5) };
        await journal.RecordAsync(retry, CancellationToken.None);
        (await journal.FindLatestByIdempotencyKeyAsync(principal, "key-1", CancellationToken.None))!.TransactionId.Should().Be(retry.TransactionId);
        (await journal.FindLatestByIdempotencyKeyAsync("someone-else", "key-1", CancellationToken.None)).Should().BeNull();
    }

    /// <summary>
    /// Many requests writing at once (as under load): every write lands and answers; a write that fails (a transaction
    /// ID recorded twice) fails alone, without undoing the writes that shared its moment (SQLite: its batch).
    /// </summary>
    private static async Task ConcurrentWritesAsync(SqlJournal journal)
    {
        await journal.InitializeAsync(CancellationToken.None);
        var principal = "p-" + Guid.NewGuid().ToString("N");
        var txIds = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        await journal.RecordAsync(Entry(txIds[0], principal, "key-0"), CancellationToken.None);

        var records = txIds.Select((txId, i) => journal.RecordAsync(Entry(txId, principal, $"key-{i}"), CancellationToken.None)).ToArray();
        var claims = txIds.Select((_, i) => journal.ClaimAsync(principal, $"key-{i}", [1], Now, Now.AddMinutes(1), CancellationToken.None)).ToArray();
        var outcomes = await Task.WhenAll(records.Select(async record =>
        {
            try
            {
                await record;
                return null;
            }
            catch (System.Data.Common.DbException e)
            {
                return e;
            }
        }));

        outcomes[0].Should().NotBeNull("the first transaction ID was recorded before");
        outcomes.Skip(1).Should().AllSatisfy(failure => failure.Should().BeNull());
        (await Task.WhenAll(claims)).Should().AllSatisfy(claim => claim.Status.Should().Be(ClaimStatus.Claimed));
        foreach (var (txId, i) in txIds.Select((txId, i) => (txId, i)))
        {
            (await journal.FindAsync(txId, CancellationToken.None))!.IdempotencyKey.Should().Be($"key-{i}");
        }

        await Task.WhenAll(txIds.Select(txId => journal.RecordOutcomeAsync(txId, JournalState.Committed, 0, 7, Now, CancellationToken.None)));
        (await journal.ListUnfinishedAsync(Now.AddHours(1), CancellationToken.None)).Select(e => e.TransactionId).Should().NotIntersectWith(txIds);
    }

    private static JournalEntry Entry(string txId, string principal, string? key) =>
        new(txId, principal, key, "org1-user", "trade", "trade", [1, 2, 3], JournalState.Endorsed, null, null, Now, Now);

    private static async Task IdempotencyClaimsAsync(SqlJournal store)
    {
        await store.InitializeAsync(CancellationToken.None);
        var principal = "p-" + Guid.NewGuid().ToString("N");
        byte[] hash = [1, 2, 3];
        var lease = Now.AddMinutes(2);

        (await store.ClaimAsync(principal, "k", hash, Now, lease, CancellationToken.None)).Should().Be(new IdempotencyClaim(ClaimStatus.Claimed, FirstAttempt: true));
        (await store.ClaimAsync(principal, "k", hash, Now, lease, CancellationToken.None)).Status.Should().Be(ClaimStatus.InProgress);
        (await store.ClaimAsync(principal, "k", [9], Now, lease, CancellationToken.None)).Status.Should().Be(ClaimStatus.Mismatch);
        (await store.ClaimAsync(principal, "k", hash, lease.AddSeconds(1), lease.AddMinutes(2), CancellationToken.None))
            .Should().Be(new IdempotencyClaim(ClaimStatus.Claimed, FirstAttempt: false), "an expired lease is taken over, and the earlier attempt may have journaled");

        var response = new StoredResponse(201, "application/json", "/api/transactions/abc", "{\"a\":1}"u8.ToArray());
        await store.CompleteAsync(principal, "k", response, Now, CancellationToken.None);
        var replay = await store.ClaimAsync(principal, "k", hash, Now.AddDays(1), Now.AddDays(1), CancellationToken.None);
        replay.Status.Should().Be(ClaimStatus.Completed);
        replay.Response.Should().BeEquivalentTo(response);
        await store.ReleaseAsync(principal, "k", CancellationToken.None);
        (await store.ClaimAsync(principal, "k", hash, Now, lease, CancellationToken.None)).Status.Should().Be(ClaimStatus.Completed, "a completed key is never released");

        (await store.ClaimAsync(principal, "released", hash, Now, lease, CancellationToken.None)).Status.Should().Be(ClaimStatus.Claimed);
        await store.ReleaseAsync(principal, "released", CancellationToken.None);
        (await store.ClaimAsync(principal, "released", [7], Now, lease, CancellationToken.None)).Status
            .Should().Be(ClaimStatus.Mismatch, "a released key stays bound to its request: the earlier attempt may have journaled a transaction for it");
        (await store.ClaimAsync(principal, "released", hash, Now, lease, CancellationToken.None))
            .Should().Be(new IdempotencyClaim(ClaimStatus.Claimed, FirstAttempt: false), "the same request retried takes the released key over at once");
    }

    private SqliteJournal Sqlite() => new($"Data Source={_file};Pooling=False");

    private static async Task<PostgreSqlJournal> PostgresAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("FABRIC_GATEWAY_TEST_POSTGRES");
        Skip.If(string.IsNullOrEmpty(connectionString), "Set FABRIC_GATEWAY_TEST_POSTGRES to a PostgreSQL connection string to run the journal against PostgreSQL.");
        var journal = PostgreSqlJournal.Create(connectionString!);
        await Task.CompletedTask;
        return journal;
    }
}
