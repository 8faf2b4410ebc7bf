using System.Net;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Api.Journal;
using Fabric.Gateway.Api.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Gateway.Api.Tests.Fabric;

public sealed class RecoveryRobustnessTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task UnreadableJournalEntry_IsLogged_AndNeitherStopsTheHostNorBlocksOthers()
    {
        var journal = new SqliteJournal($"Data Source={_host.JournalFile};Pooling=False");
        await journal.InitializeAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await journal.RecordAsync(
            new JournalEntry("00bad0", "alice", null, "org1-user", "trade", "trade", [0, 0, 1], JournalState.Endorsed, null, null, now, now),
            CancellationToken.None);
        await journal.RecordAsync(
            new JournalEntry("00bad1", "alice", null, "removed-identity", "trade", "trade", [1], JournalState.Submitted, null, null, now, now),
            CancellationToken.None);
        SqliteConnection.ClearAllPools();

        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        await _host.Factory.Services.GetRequiredService<TransactionWorker>().Recovered.WaitAsync(TimeSpan.FromSeconds(30));
        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"), "after-bad");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        _host.Logs.Messages.Should().Contain(m => m.Contains("Journaled transaction 00bad0 could not be processed", StringComparison.Ordinal));
        _host.Logs.Messages.Should().Contain(m => m.Contains("00bad1", StringComparison.Ordinal));
    }
}
