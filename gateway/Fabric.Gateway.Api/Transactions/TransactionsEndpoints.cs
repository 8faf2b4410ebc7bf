using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Errors;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Api.Identity;
using Fabric.Gateway.Api.Journal;
using Fabric.Gateway.Api.Security;
using Fabric.Gateway.Client;
using Fabric.Protos.Peer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Transactions;

/// <summary><c>GET /api/transactions/{txId}</c>: the journal state and the commit status (validation code, block).</summary>
internal static class TransactionsEndpoints
{
    /// <summary>How long a status request waits for a commit that has not happened yet.</summary>
    private static readonly TimeSpan StatusWait = TimeSpan.FromSeconds(2);

    public static RouteGroupBuilder MapTransactions(this RouteGroupBuilder api)
    {
        api.MapGet("/transactions/{txId}", GetAsync)
            .WithName("GetTransaction")
            .WithSummary("Commit status of a transaction")
            .WithDescription(
                "The journal state of a transaction this caller submitted through the gateway (endorsed, submitted, committed, " +
                "invalid, rejected), with the validation code and block once committed. For a transaction not in the journal, " +
                "pass ?network= to ask the peers directly.")
            .WithTags("Transactions");
        return api;
    }

    private static async Task<Results<Ok<TransactionStatus>, ProblemHttpResult>> GetAsync(
        string txId,
        string? network,
        HttpContext httpContext,
        ITransactionJournal journal,
        IIdentityProvider identities,
        TransactionSender sender,
        IOptions<FabricOptions> options,
        CancellationToken cancellationToken)
    {
        if (txId.Length is 0 or > 128 || !txId.All(char.IsAsciiHexDigit))
        {
            return TypedResults.Problem(Problems.CreateValidation("txId", "A transaction ID is lowercase hexadecimal (64 characters for SHA-256)."));
        }

        var caller = FabricCaller.Of(httpContext);
        var entry = await journal.FindAsync(txId, cancellationToken).ConfigureAwait(false);
        if (entry is not null && entry.Principal != caller.Principal)
        {
            entry = null; // Another caller's transaction: as unknown as one that never existed.
        }

        if (entry is { IsFinished: true })
        {
            return TypedResults.Ok(TransactionStatus.Of(entry));
        }

        string channel;
        if (entry is not null)
        {
            channel = entry.Channel;
        }
        else if (network is not null && options.Value.Networks.TryGetValue(network, out var configured))
        {
            channel = configured.Channel;
        }
        else
        {
            return TypedResults.Problem(Problems.Create(ProblemKind.NotFound, $"Transaction {txId} is not in this caller's journal."));
        }

        var identity = await identities.GetAsync(entry?.IdentityName ?? caller.IdentityName, cancellationToken).ConfigureAwait(false);
        try
        {
            if (entry is not null)
            {
                var status = await sender.WaitForCommitAsync(entry, identity, StatusWait, cancellationToken).ConfigureAwait(false);
                return TypedResults.Ok(TransactionStatus.Of(
                    entry with { State = status.IsSuccessful ? JournalState.Committed : JournalState.Invalid, ValidationCode = (int)status.Code, BlockNumber = status.BlockNumber }));
            }

            var committed = await sender.QueryStatusAsync(identity, channel, txId, StatusWait, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new TransactionStatus(
                txId, network, committed.IsSuccessful ? "committed" : "invalid", TransactionStatus.FabricName(committed.Code), committed.BlockNumber, null, null));
        }
        catch (Exception e) when (e is TransactionNotCommittedException or CommitStatusException)
        {
            return entry is not null
                ? TypedResults.Ok(TransactionStatus.Of(entry))
                : TypedResults.Problem(Problems.Create(ProblemKind.NotFound, $"Transaction {txId} is not committed on {network}."));
        }
    }
}

/// <summary>A transaction as <c>GET /api/transactions/{txId}</c> reports it.</summary>
/// <param name="TransactionId">The Fabric transaction ID.</param>
/// <param name="Network">The business network.</param>
/// <param name="State"><c>endorsed</c>, <c>submitted</c>, <c>committed</c>, <c>invalid</c> or <c>rejected</c>.</param>
/// <param name="ValidationCode">Fabric's validation code once committed, e.g. <c>VALID</c>, <c>MVCC_READ_CONFLICT</c>.</param>
/// <param name="BlockNumber">The block that holds it, once committed.</param>
public sealed record TransactionStatus(
    string TransactionId, string? Network, string State, string? ValidationCode, ulong? BlockNumber, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt)
{
    internal static TransactionStatus Of(JournalEntry entry) => new(
        entry.TransactionId,
        entry.Network,
        entry.State.ToString().ToLowerInvariant(),
        entry.ValidationCode is { } code ? FabricName((TxValidationCode)code) : null,
        entry.BlockNumber,
        entry.CreatedAt,
        entry.UpdatedAt);

    /// <summary>The code's name as Fabric spells it (e.g. MVCC_READ_CONFLICT).</summary>
    internal static string FabricName(TxValidationCode code) =>
        TransactionReflection.Descriptor.EnumTypes
            .FirstOrDefault(e => e.Name == nameof(TxValidationCode))?
            .FindValueByNumber((int)code)?.Name ?? code.ToString();
}
