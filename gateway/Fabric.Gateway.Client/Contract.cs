using Fabric.Gateway.Client.Internal;

namespace Fabric.Gateway.Client;

/// <summary>
/// A chaincode (and optionally one named contract inside it) on a channel. Three ways to run a transaction:
/// one call (<see cref="SubmitTransactionAsync(string, string[])"/>, <see cref="EvaluateTransactionAsync(string, string[])"/>);
/// with options (<see cref="SubmitAsync"/>, <see cref="EvaluateAsync"/>, <see cref="SubmitToOrdererAsync"/>);
/// or step by step from <see cref="NewProposal"/>, which is also the path for offline signing.
/// </summary>
public sealed class Contract
{
    private readonly GatewayContext _context;
    private readonly string _channelName;

    internal Contract(GatewayContext context, string channelName, string chaincodeName, string? contractName)
    {
        _context = context;
        _channelName = channelName;
        ChaincodeName = chaincodeName;
        ContractName = contractName;
    }

    public string ChaincodeName { get; }

    /// <summary>The contract inside the chaincode; transaction names are sent as <c>ContractName:name</c>. Null for the default contract.</summary>
    public string? ContractName { get; }

    /// <summary>Evaluates a transaction with string arguments and returns its result.</summary>
    public Task<byte[]> EvaluateTransactionAsync(string transactionName, params string[] arguments) =>
        EvaluateAsync(transactionName, new ProposalOptions().AddArguments(arguments));

    /// <summary>Evaluates a transaction with string arguments and returns its result.</summary>
    public Task<byte[]> EvaluateTransactionAsync(string transactionName, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        EvaluateAsync(transactionName, new ProposalOptions().AddArguments([.. arguments]), cancellationToken);

    /// <summary>Runs a transaction on a peer without ordering it (a query) and returns the chaincode's result.</summary>
    /// <exception cref="GatewayException">The peer or the chaincode failed.</exception>
    public Task<byte[]> EvaluateAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default) =>
        NewProposal(transactionName, options).EvaluateAsync(cancellationToken);

    /// <summary>Submits a transaction with string arguments and returns its result once it is committed as VALID.</summary>
    public Task<byte[]> SubmitTransactionAsync(string transactionName, params string[] arguments) =>
        SubmitAsync(transactionName, new ProposalOptions().AddArguments(arguments));

    /// <summary>Submits a transaction with string arguments and returns its result once it is committed as VALID.</summary>
    public Task<byte[]> SubmitTransactionAsync(string transactionName, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        SubmitAsync(transactionName, new ProposalOptions().AddArguments([.. arguments]), cancellationToken);

    /// <summary>
    /// Endorses, submits and waits for the commit; returns the chaincode's result only if the transaction is VALID.
    /// With <see cref="GatewayOptions.MvccReadConflictRetryAttempts"/> set, a transaction invalidated by
    /// MVCC_READ_CONFLICT is run again from a new proposal.
    /// </summary>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">The orderer did not accept the transaction.</exception>
    /// <exception cref="CommitStatusException">The commit status could not be obtained.</exception>
    /// <exception cref="CommitException">The transaction was committed as invalid.</exception>
    public async Task<byte[]> SubmitAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default)
    {
        return await _context.MvccConflictRetry.ExecuteAsync(
            static async (state, token) =>
            {
                var (contract, name, proposalOptions) = state;
                var submitted = await contract.SubmitToOrdererAsync(name, proposalOptions, token).ConfigureAwait(false);
                var status = await submitted.GetStatusAsync(token).ConfigureAwait(false);
                GatewayLog.Committed(contract._context.Logger, status.TransactionId, status.Code, status.BlockNumber);
                if (!status.IsSuccessful)
                {
                    throw new CommitException(status.TransactionId, status.Code, status.BlockNumber);
                }

                return submitted.Result.ToArray();
            },
            (this, transactionName, options),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Endorses and submits, returning as soon as the orderer accepted the transaction; await
    /// <see cref="SubmittedTransaction.GetStatusAsync"/> later for the commit.
    /// </summary>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">The orderer did not accept the transaction.</exception>
    public async Task<SubmittedTransaction> SubmitToOrdererAsync(
        string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var transaction = await NewProposal(transactionName, options).EndorseAsync(cancellationToken).ConfigureAwait(false);
        var commit = await transaction.SubmitAsync(cancellationToken).ConfigureAwait(false);
        return new SubmittedTransaction(transaction.Result.ToArray(), commit);
    }

    /// <summary>Builds an unsigned proposal: a new transaction ID, nothing sent yet.</summary>
    public Proposal NewProposal(string transactionName, ProposalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionName);
        var qualifiedName = ContractName is null ? transactionName : ContractName + ":" + transactionName;
        var proposed = ProposalBuilder.Build(
            _context.Signing, _context.Time, _channelName, ChaincodeName, qualifiedName, options);
        return new Proposal(_context.Rpc, _context.Signing, _channelName, proposed);
    }
}
