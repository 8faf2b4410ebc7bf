using System.Threading.Channels;
using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Identity;
using Fabric.Gateway.Api.Journal;
using Fabric.Gateway.Client;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Fabric;

/// <summary>
/// Finishes journaled transactions in the background: on start, every transaction a previous run left without an
/// outcome (crash recovery), then the ones accepted asynchronously (<c>Prefer: respond-async</c>), then, every
/// <see cref="FabricOptions.RecoveryInterval"/>, the ones left unfinished for longer than a commit can take.
/// Recovery first asks the commit status (the transaction ID is known); only when no commit shows up does it re-send
/// the same signed envelope, never a new proposal. Nothing is lost and nothing applies twice.
/// </summary>
internal sealed partial class TransactionWorker(
    ITransactionJournal journal,
    TransactionSender sender,
    IIdentityProvider identities,
    IOptions<FabricOptions> options,
    TimeProvider time,
    ILogger<TransactionWorker> logger) : BackgroundService
{
    private readonly Channel<string> _accepted = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the start-up recovery pass is done (for readiness and tests).</summary>
    public Task Recovered => _recovered.Task;

    /// <summary>Hands a journaled, not yet sent transaction to the worker.</summary>
    public void Enqueue(string transactionId) => _accepted.Writer.TryWrite(transactionId);

    /// <summary>Creates the journal's tables before the host serves requests.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await journal.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RecoverAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _recovered.TrySetResult();
        }

        using var sweep = new PeriodicTimer(options.Value.RecoveryInterval, time);
        var tick = sweep.WaitForNextTickAsync(stoppingToken).AsTask();
        Task<string>? next = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            next ??= _accepted.Reader.ReadAsync(stoppingToken).AsTask();
            if (await Task.WhenAny(next, tick).ConfigureAwait(false) == tick)
            {
                await tick.ConfigureAwait(false);
                // Only entries untouched for longer than a request can take: younger ones belong to a request in flight.
                var untouchedSince = time.GetUtcNow() - options.Value.CommitStatusTimeout - options.Value.SubmitTimeout - options.Value.EndorseTimeout;
                await RecoverAsync(untouchedSince, stoppingToken).ConfigureAwait(false);
                tick = sweep.WaitForNextTickAsync(stoppingToken).AsTask();
                continue;
            }

            var transactionId = await next.ConfigureAwait(false);
            next = null;
            JournalEntry? entry;
            try
            {
                entry = await journal.FindAsync(transactionId, stoppingToken).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException e)
            {
                // Still journaled: the periodic sweep takes it up.
                LogJournalUnreadable(logger, e);
                continue;
            }

            if (entry is { IsFinished: false })
            {
                await RunSafelyAsync(entry, probeFirst: false, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RecoverAsync(DateTimeOffset untouchedSince, CancellationToken cancellationToken)
    {
        IReadOnlyList<JournalEntry> unfinished;
        try
        {
            unfinished = await journal.ListUnfinishedAsync(untouchedSince, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            LogJournalUnreadable(logger, e);
            return;
        }

        if (unfinished.Count > 0)
        {
            LogRecovering(logger, unfinished.Count);
        }

        foreach (var entry in unfinished)
        {
            await RunSafelyAsync(entry, probeFirst: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunSafelyAsync(JournalEntry entry, bool probeFirst, CancellationToken cancellationToken)
    {
        try
        {
            if (probeFirst)
            {
                var identity = await identities.GetAsync(entry.IdentityName, cancellationToken).ConfigureAwait(false);
                try
                {
                    await sender.WaitForCommitAsync(entry, identity, options.Value.RecoveryProbeTimeout, cancellationToken).ConfigureAwait(false);
                    LogRecovered(logger, entry.TransactionId, "found committed");
                    return;
                }
                catch (TransactionNotCommittedException)
                {
                    // No commit in sight: the orderer most likely never got it. Re-sending the same signed envelope is
                    // safe either way, since a transaction ID commits at most once.
                }
            }

            await sender.SendAsync(entry, markSubmitted: true, cancellationToken).ConfigureAwait(false);
            LogRecovered(logger, entry.TransactionId, probeFirst ? "re-sent and committed" : "sent and committed");
        }
        catch (Exception e) when (e is GatewayException or TransactionNotCommittedException)
        {
            LogStillPending(logger, entry.TransactionId, e.GetType().Name);
        }
#pragma warning disable CA1031 // One entry that cannot be processed (unreadable bytes, identity removed from the
                               // configuration, database hiccup) must neither stop the host nor the other entries.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogEntryFailed(logger, entry.TransactionId, e);
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Recovering {Count} journaled transactions without outcome")]
    private static partial void LogRecovering(ILogger logger, int count);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Journaled transaction {TransactionId}: {How}")]
    private static partial void LogRecovered(ILogger logger, string transactionId, string how);

    [LoggerMessage(EventId = 504, Level = LogLevel.Error, Message = "The journal could not be read; retrying at the next sweep")]
    private static partial void LogJournalUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 503, Level = LogLevel.Error, Message = "Journaled transaction {TransactionId} could not be processed; retrying later")]
    private static partial void LogEntryFailed(ILogger logger, string transactionId, Exception exception);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Journaled transaction {TransactionId} still has no outcome ({Failure}); retrying later")]
    private static partial void LogStillPending(ILogger logger, string transactionId, string failure);
}
