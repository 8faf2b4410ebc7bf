using System.Net;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Api.Journal;
using Fabric.Gateway.Api.Tests.Support;
using Fabric.Gateway.TestDoubles;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Gateway.Api.Tests.Fabric;

/// <summary>
/// A gateway that stops between journaling a signed transaction and learning its outcome: the next gateway on the
/// same journal file finds the outcome or re-sends the same signed envelope exactly once.
/// </summary>
public sealed class JournalRecoveryTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Restart_AfterOrdererNeverGotTransaction_ResendsSameSignedEnvelopeOnce()
    {
        using var first = _host.CreateClient(ApiTestHost.AliceKey);
        _host.State.FailNext(PeerMethod.Submit, StatusCode.Unavailable, "no orderers could successfully process transaction");

        using var failed = await first.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"), "crash-1");

        failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var transactionId = (await failed.JsonAsync()).GetProperty("transactionId").GetString()!;
        _host.State.Submitted.Should().BeEmpty();
        (await JournalEntryAsync(transactionId))!.State.Should().Be(JournalState.Endorsed);
        await _host.StopCurrentHostAsync();

        using var second = _host.CreateClient(ApiTestHost.AliceKey);
        await RecoveryAsync();

        _host.State.Submitted.Should().Equal([transactionId], "the journaled envelope is re-sent once, and no new proposal is made");
        _host.State.Endorsed.Should().ContainSingle();
        using var status = await second.GetAsync(new Uri("/api/transactions/" + transactionId, UriKind.Relative));
        var body = await status.JsonAsync();
        body.GetProperty("state").GetString().Should().Be("committed");
        body.GetProperty("validationCode").GetString().Should().Be("VALID");
        body.GetProperty("blockNumber").GetUInt64().Should().Be(_host.State.Ledger("trade").Height - 1);
    }

    [Fact]
    public async Task Restart_AfterCommitWasNotConfirmed_FindsOutcomeWithoutResending()
    {
        using var first = _host.CreateClient(ApiTestHost.AliceKey);
        _host.State.FailNext(PeerMethod.CommitStatus, StatusCode.Unavailable, "peer went away");

        using var failed = await first.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"), "crash-2");

        failed.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        var problem = await failed.JsonAsync();
        var transactionId = problem.GetProperty("transactionId").GetString()!;
        problem.GetProperty("statusUrl").GetString().Should().Be("/api/transactions/" + transactionId);
        (await JournalEntryAsync(transactionId))!.State.Should().Be(JournalState.Submitted);
        await _host.StopCurrentHostAsync();

        using var second = _host.CreateClient(ApiTestHost.AliceKey);
        await RecoveryAsync();

        _host.State.Submitted.Should().Equal([transactionId], "a committed transaction is never sent again");
        var entry = await JournalEntryAsync(transactionId);
        entry!.State.Should().Be(JournalState.Committed);
        entry.BlockNumber.Should().NotBeNull();
    }

    [Fact]
    public async Task RetryWithSameKey_AfterUnavailableSubmit_ResumesJournaledTransaction()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        var body = HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1");
        _host.State.FailNext(PeerMethod.Submit, StatusCode.Unavailable, "no orderers could successfully process transaction");
        using var failed = await client.PostJsonAsync("/api/test/trade/submit", body, "retry-me");
        var transactionId = (await failed.JsonAsync()).GetProperty("transactionId").GetString()!;

        using var retried = await client.PostJsonAsync("/api/test/trade/submit", body, "retry-me");

        retried.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retried.JsonAsync()).GetProperty("transactionId").GetString().Should().Be(transactionId);
        _host.State.Endorsed.Should().ContainSingle("the retry resumes the journaled transaction instead of endorsing a new one");
        _host.State.Submitted.Should().Equal(transactionId);
    }

    [Fact]
    public async Task DifferentRequestWithSameKey_AfterUnavailableSubmit_Is422_AndDoesNotTakeOverTheJournaledTransaction()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        _host.State.FailNext(PeerMethod.Submit, StatusCode.Unavailable, "no orderers could successfully process transaction");
        using var failed = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"), "retry-me");
        failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        using var other = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-2"), "retry-me");

        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "a released key stays bound to its first request");
        (await other.JsonAsync()).GetProperty("type").GetString().Should().Be("https://fabric-dotnet.dev/problems/idempotency-key-reused");
        _host.State.Endorsed.Should().ContainSingle();
        _host.State.Submitted.Should().BeEmpty("the first request's transaction is not sent on behalf of another request");
    }

    [Fact]
    public async Task TransactionStatus_OfAnotherPrincipalsTransaction_Is404()
    {
        using var alice = _host.CreateClient(ApiTestHost.AliceKey);
        using var submitted = await alice.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"), "mine");
        var location = submitted.Headers.Location!;
        using var bob = _host.CreateClient(ApiTestHost.BobKey, "org1-user");

        using var own = await alice.GetAsync(location);
        using var foreign = await bob.GetAsync(location);

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TransactionStatus_OfMalformedId_Is400NamingIt()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.GetAsync(new Uri("/api/transactions/not-hex!", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("txId", out _).Should().BeTrue();
    }

    private async Task RecoveryAsync() =>
        await _host.Factory.Services.GetRequiredService<TransactionWorker>().Recovered.WaitAsync(TimeSpan.FromSeconds(30));

    private Task<JournalEntry?> JournalEntryAsync(string transactionId) =>
        _host.Factory.Services.GetRequiredService<ITransactionJournal>().FindAsync(transactionId, CancellationToken.None);
}
