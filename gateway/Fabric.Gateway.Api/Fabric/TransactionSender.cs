using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Connections;
using Fabric.Gateway.Api.Identity;
using Fabric.Gateway.Api.Journal;
using Fabric.Gateway.Api.Operations;
using Fabric.Gateway.Client;
using Fabric.Protos.Gateway;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Fabric;

/// <summary>
/// Sends a journaled, already signed transaction and follows it to its commit, recording each step in the journal.
/// Used by requests, by the asynchronous worker and by crash recovery alike: it only ever re-sends the same signed
/// envelope, never a new proposal.
/// </summary>
internal sealed partial class TransactionSender(
    FabricConnections connections,
    IIdentityProvider identities,
    ITransactionJournal journal,
    IOptions<FabricOptions> options,
    GatewayTelemetry telemetry,
    TimeProvider time,
    ILogger<TransactionSender> logger)
{
    /// <summary>Sends the signed envelope (to the next peer of the organization if one is unavailable) and waits for the commit.</summary>
    /// <param name="entry">The journaled transaction.</param>
    /// <param name="markSubmitted">
    /// Journal the state <see cref="JournalState.Submitted"/> as soon as the orderer accepted it, for callers who poll
    /// the transaction meanwhile (asynchronous mode). Otherwise only if the commit cannot be confirmed: a request
    /// answered after the commit needs no such write, since its caller learns the transaction ID only with the answer,
    /// and recovery treats both states alike.
    /// </param>
    /// <param name="cancellationToken">Cancels sending and waiting.</param>
    /// <exception cref="SubmitException">No orderer accepted it; a refusal (not UNAVAILABLE) is journaled as rejected.</exception>
    /// <exception cref="TransactionNotCommittedException">The commit could not be confirmed in time.</exception>
    public async Task<CommitStatus> SendAsync(JournalEntry entry, bool markSubmitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var identity = await identities.GetAsync(entry.IdentityName, cancellationToken).ConfigureAwait(false);
        using (var activity = telemetry.Source.StartActivity("fabric.submit"))
        {
            activity?.SetTag("fabric.transaction_id", entry.TransactionId);
            try
            {
                await connections.WithFailoverAsync(identity, async (gateway, _) =>
                {
                    await gateway.NewTransaction(entry.SignedTransaction).SubmitAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
            }
            catch (SubmitException e) when (e.StatusCode is not (StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled))
            {
                await journal.RecordOutcomeAsync(entry.TransactionId, JournalState.Rejected, null, null, time.GetUtcNow(), CancellationToken.None)
                    .ConfigureAwait(false);
                telemetry.Transactions.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));
                throw;
            }
        }

        if (markSubmitted)
        {
            await journal.MarkSubmittedAsync(entry.TransactionId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            return await WaitForCommitAsync(entry, identity, options.Value.CommitStatusTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionNotCommittedException) when (!markSubmitted)
        {
            // The caller is about to be given the transaction ID to poll.
            await journal.MarkSubmittedAsync(entry.TransactionId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Asks the commit status (waiting up to <paramref name="timeout"/>) and journals the outcome once known.</summary>
    /// <exception cref="TransactionNotCommittedException">No status within the timeout, or no peer answered.</exception>
    public async Task<CommitStatus> WaitForCommitAsync(
        JournalEntry entry, FabricIdentity identity, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(identity);
        using var activity = telemetry.Source.StartActivity("fabric.commit");
        activity?.SetTag("fabric.transaction_id", entry.TransactionId);
        CommitStatus status;
        try
        {
            status = await QueryStatusAsync(identity, entry.Channel, entry.TransactionId, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (CommitStatusException e)
        {
            LogCommitUnknown(logger, entry.TransactionId, e.StatusCode);
            throw new TransactionNotCommittedException(
                $"Transaction {entry.TransactionId} was sent but its commit could not be confirmed yet; the gateway keeps following it.",
                entry.TransactionId,
                e);
        }

        var state = status.IsSuccessful ? JournalState.Committed : JournalState.Invalid;
        await journal.RecordOutcomeAsync(entry.TransactionId, state, (int)status.Code, status.BlockNumber, time.GetUtcNow(), CancellationToken.None)
            .ConfigureAwait(false);
        activity?.SetTag("fabric.validation_code", status.Code.ToString());
        activity?.SetTag("fabric.block_number", (long)status.BlockNumber);
        telemetry.Transactions.Add(1, new KeyValuePair<string, object?>("outcome", status.IsSuccessful ? "committed" : "invalid"));
        LogCommitted(logger, entry.TransactionId, status.Code, status.BlockNumber);
        return status;
    }

    /// <summary>The commit status of any transaction of the channel, signed by <paramref name="identity"/>.</summary>
    /// <exception cref="CommitStatusException">No status within the timeout, or no peer answered.</exception>
    public Task<CommitStatus> QueryStatusAsync(
        FabricIdentity identity, string channel, string transactionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var request = new SignedCommitStatusRequest
        {
            Request = new CommitStatusRequest
            {
                TransactionId = transactionId,
                ChannelId = channel,
                Identity = ByteString.CopyFrom(identity.Identity.Serialize().Span),
            }.ToByteString(),
        }.ToByteArray();
        return connections.WithFailoverAsync(
            identity,
            (gateway, _) => gateway.NewCommit(request).GetStatusAsync(cancellationToken),
            timeout);
    }

    // Debug: one line per transaction is noise at hundreds per second, and the outcome is in the journal, the metrics
    // and the trace; what needs attention (not confirmed, MVCC retries, resumes) logs at Information or above.
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Transaction {TransactionId} committed as {ValidationCode} in block {BlockNumber}")]
    private static partial void LogCommitted(ILogger logger, string transactionId, TxValidationCode validationCode, ulong blockNumber);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Commit of transaction {TransactionId} not confirmed ({StatusCode}); it stays journaled")]
    private static partial void LogCommitUnknown(ILogger logger, string transactionId, StatusCode? statusCode);
}
