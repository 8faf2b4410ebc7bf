using System.Diagnostics;
using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Connections;
using Fabric.Gateway.Api.Identity;
using Fabric.Gateway.Api.Journal;
using Fabric.Gateway.Api.Operations;
using Fabric.Gateway.Api.Security;
using Fabric.Gateway.Client;
using Fabric.Protos.Peer;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Fabric;

/// <summary>
/// Runs chaincode calls as the current caller's Fabric identity. A submit is journaled before it is sent: the
/// endorsed envelope is signed here (offline-signing tier) and stored with its transaction ID and the caller's
/// Idempotency-Key, then sent, followed to its commit, and its outcome recorded. A retry with the same key resumes the
/// journaled transaction instead of creating a new one. MVCC_READ_CONFLICT is retried from a fresh proposal, bounded.
/// </summary>
internal sealed partial class FabricChaincodeInvoker(
    IHttpContextAccessor httpContextAccessor,
    IOptions<FabricOptions> options,
    IIdentityProvider identities,
    FabricConnections connections,
    ITransactionJournal journal,
    TransactionSender sender,
    TransactionWorker worker,
    GatewayTelemetry telemetry,
    TimeProvider time,
    ILogger<FabricChaincodeInvoker> logger) : IChaincodeInvoker
{
    /// <summary>
    /// Evaluates on a peer of the call's endorsing organizations when it names some (the evaluate's target
    /// organizations: data in one organization's implicit collection is only on its peers), else on a peer the
    /// Gateway chooses.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> EvaluateAsync(ChaincodeCall transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var caller = Caller();
        var network = Network(transaction.BusinessNetwork);
        var identity = await identities.GetAsync(caller.IdentityName, cancellationToken).ConfigureAwait(false);
        using var activity = StartActivity("fabric.evaluate", transaction, network);
        telemetry.Evaluations.Add(1);
        return await connections.WithFailoverAsync(identity, (gateway, _) =>
            gateway.GetNetwork(network.Channel).GetContract(network.Chaincode)
                .EvaluateAsync(
                    transaction.TransactionName,
                    ProposalOptionsOf(transaction).AddEndorsingOrganizations(EndorsersOf(transaction, identity)),
                    cancellationToken)).ConfigureAwait(false);
    }

    public async Task<SubmitOutcome> SubmitAsync(ChaincodeCall transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var caller = Caller();
        var network = Network(transaction.BusinessNetwork);
        var request = httpContextAccessor.HttpContext?.Features.Get<IdempotencyFeature>() ?? new IdempotencyFeature(null, false, EarlierAttempt: false);
        var identity = await identities.GetAsync(caller.IdentityName, cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();

        if (request is { Key: { } key, EarlierAttempt: true }
            && await journal.FindLatestByIdempotencyKeyAsync(caller.Principal, key, cancellationToken).ConfigureAwait(false) is { } earlier
            && await ResumeAsync(earlier, identity, request, cancellationToken).ConfigureAwait(false) is { } resumed)
        {
            return resumed;
        }

        var attempts = options.Value.MvccReadConflictRetryAttempts;
        for (var attempt = 0; ; attempt++)
        {
            var (entry, result) = await EndorseAndJournalAsync(transaction, network, caller, identity, request.Key, cancellationToken).ConfigureAwait(false);
            if (request.RespondAsync)
            {
                worker.Enqueue(entry.TransactionId);
                throw new TransactionAcceptedException(entry.TransactionId);
            }

            // Not the request's token from here: the transaction is journaled and is followed to its end even if the
            // caller goes away; the timeouts bound the wait.
            var status = await sender.SendAsync(entry, markSubmitted: false, CancellationToken.None).ConfigureAwait(false);
            if (status.IsSuccessful)
            {
                telemetry.SubmitDuration.Record(time.GetElapsedTime(started).TotalSeconds);
                return new SubmitOutcome(entry.TransactionId, status.BlockNumber, result);
            }

            if (status.Code != TxValidationCode.MvccReadConflict || attempt >= attempts)
            {
                throw new CommitException(status.TransactionId, status.Code, status.BlockNumber);
            }

            LogMvccRetry(logger, entry.TransactionId, attempt + 1, attempts);
        }
    }

    /// <summary>
    /// An earlier request with the same key journaled a transaction: finish that one (re-sending its signed envelope
    /// when its fate is unknown) instead of creating another. Null when a fresh attempt is right (an MVCC loss or a
    /// refusal by the orderer, neither of which applied anything).
    /// </summary>
    private async Task<SubmitOutcome?> ResumeAsync(
        JournalEntry earlier, FabricIdentity identity, IdempotencyFeature request, CancellationToken cancellationToken)
    {
        switch (earlier.State)
        {
            case JournalState.Committed:
                return new SubmitOutcome(earlier.TransactionId, earlier.BlockNumber ?? 0, ResultOf(identity, earlier));
            case JournalState.Invalid when earlier.ValidationCode != (int)TxValidationCode.MvccReadConflict:
                throw new CommitException(earlier.TransactionId, (TxValidationCode)(earlier.ValidationCode ?? 0), earlier.BlockNumber ?? 0);
            case JournalState.Invalid or JournalState.Rejected:
                return null;
        }

        LogResume(logger, earlier.TransactionId, earlier.State);
        if (request.RespondAsync)
        {
            worker.Enqueue(earlier.TransactionId);
            throw new TransactionAcceptedException(earlier.TransactionId);
        }

        CommitStatus status;
        try
        {
            status = await sender.WaitForCommitAsync(earlier, identity, options.Value.RecoveryProbeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionNotCommittedException)
        {
            status = await sender.SendAsync(earlier, markSubmitted: false, CancellationToken.None).ConfigureAwait(false);
        }

        return status.IsSuccessful
            ? new SubmitOutcome(earlier.TransactionId, status.BlockNumber, ResultOf(identity, earlier))
            : status.Code == TxValidationCode.MvccReadConflict
                ? null
                : throw new CommitException(status.TransactionId, status.Code, status.BlockNumber);
    }

    /// <summary>The journaled entry and the chaincode's result from its endorsement.</summary>
    private async Task<(JournalEntry Entry, ReadOnlyMemory<byte> Result)> EndorseAndJournalAsync(
        ChaincodeCall transaction, BusinessNetworkOptions network, FabricCaller caller, FabricIdentity identity, string? key,
        CancellationToken cancellationToken)
    {
        using var activity = StartActivity("fabric.endorse", transaction, network);
        // A fresh proposal on each peer tried: an endorsement is never re-sent, so failover needs no care here.
        var signed = await connections.WithFailoverAsync(identity, async (gateway, _) =>
        {
            var proposal = gateway.GetNetwork(network.Channel).GetContract(network.Chaincode)
                .NewProposal(transaction.TransactionName, ProposalOptionsOf(transaction).AddEndorsingOrganizations(EndorsersOf(transaction, identity)));
            activity?.SetTag("fabric.transaction_id", proposal.TransactionId);
            var endorsed = await proposal.EndorseAsync(cancellationToken).ConfigureAwait(false);
            var signature = await identity.Signer.SignAsync(endorsed.GetDigest(), cancellationToken).ConfigureAwait(false);
            return gateway.NewSignedTransaction(endorsed.GetBytes(), signature);
        }).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var entry = new JournalEntry(
            signed.TransactionId, caller.Principal, key, identity.Name, transaction.BusinessNetwork, network.Channel,
            signed.GetBytes(), JournalState.Endorsed, null, null, now, now);
        await journal.RecordAsync(entry, CancellationToken.None).ConfigureAwait(false);
        return (entry, signed.Result);
    }

    /// <summary>The chaincode's result of a journaled transaction (a resumed one: a fresh one keeps its endorsement's).</summary>
    private ReadOnlyMemory<byte> ResultOf(FabricIdentity identity, JournalEntry entry)
    {
        var peer = connections.FirstPeerOf(identity.MspId);
        return connections.Connect(identity, peer).NewTransaction(entry.SignedTransaction).Result;
    }

    private FabricCaller Caller() =>
        FabricCaller.Of(httpContextAccessor.HttpContext ?? throw new InvalidOperationException("Chaincode calls run inside an HTTP request."));

    private BusinessNetworkOptions Network(string name) =>
        options.Value.Networks.TryGetValue(name, out var network)
            ? network
            : throw new UnknownBusinessNetworkException($"The business network '{name}' is not configured on this gateway.");

    private Activity? StartActivity(string name, ChaincodeCall transaction, BusinessNetworkOptions network)
    {
        var activity = telemetry.Source.StartActivity(name);
        activity?.SetTag("fabric.channel", network.Channel);
        activity?.SetTag("fabric.chaincode", network.Chaincode);
        activity?.SetTag("fabric.transaction", transaction.TransactionName);
        return activity;
    }

    /// <summary>The call's endorsing organizations with <see cref="ChaincodeCall.CallerOrganization"/> replaced by the signer's MSP ID.</summary>
    private static string[] EndorsersOf(ChaincodeCall transaction, FabricIdentity identity) =>
        [.. (transaction.EndorsingOrganizations ?? [])
            .Select(mspId => mspId == ChaincodeCall.CallerOrganization ? identity.MspId : mspId)
            .Distinct(StringComparer.Ordinal)];

    private static ProposalOptions ProposalOptionsOf(ChaincodeCall transaction)
    {
        var proposal = new ProposalOptions().AddArguments([.. transaction.Arguments]);
        if (transaction.Transient is { } transient)
        {
            foreach (var (key, value) in transient)
            {
                proposal.AddTransientData(key, value);
            }
        }

        return proposal;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Transaction {TransactionId} lost an MVCC read conflict; endorsing again (retry {Retry} of {Retries})")]
    private static partial void LogMvccRetry(ILogger logger, string transactionId, int retry, int retries);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Idempotent retry resumes journaled transaction {TransactionId} ({State})")]
    private static partial void LogResume(ILogger logger, string transactionId, JournalState state);
}
