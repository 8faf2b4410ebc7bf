using Fabric.Protos.Peer;
using Fabric.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabric.Admin.Lifecycle;

/// <summary>
/// The chaincode lifecycle over Fabric's own services: queries and install are single proposals to one peer;
/// approve and commit are endorsed by the given peers, assembled into a transaction, sent to the orderer, and
/// awaited on every endorsing peer's block stream until committed (as <c>peer lifecycle chaincode</c> with its
/// default <c>--waitForEvent</c>).
/// </summary>
internal sealed class LifecycleClient(AdminSigner signer, TimeProvider time)
{
    public Task<InstallChaincodeResult> InstallAsync(PeerClient peer, byte[] package, CancellationToken cancellationToken) =>
        EvaluateAsync(peer, string.Empty, LifecycleFunctions.InstallChaincode,
            new InstallChaincodeArgs { ChaincodeInstallPackage = ByteString.CopyFrom(package) }, InstallChaincodeResult.Parser, cancellationToken);

    public Task<QueryInstalledChaincodesResult> QueryInstalledAsync(PeerClient peer, CancellationToken cancellationToken) =>
        EvaluateAsync(peer, string.Empty, LifecycleFunctions.QueryInstalledChaincodes,
            new QueryInstalledChaincodesArgs(), QueryInstalledChaincodesResult.Parser, cancellationToken);

    public Task<CheckCommitReadinessResult> CheckCommitReadinessAsync(PeerClient peer, string channelId, ChaincodeDefinition definition, CancellationToken cancellationToken) =>
        EvaluateAsync(peer, channelId, LifecycleFunctions.CheckCommitReadiness,
            definition.ToCheckCommitReadinessArgs(), CheckCommitReadinessResult.Parser, cancellationToken);

    /// <summary>The definition this organization approved; sequence 0 asks for the latest approved one.</summary>
    public Task<QueryApprovedChaincodeDefinitionResult> QueryApprovedAsync(PeerClient peer, string channelId, string name, long sequence, CancellationToken cancellationToken) =>
        EvaluateAsync(peer, channelId, LifecycleFunctions.QueryApprovedChaincodeDefinition,
            new QueryApprovedChaincodeDefinitionArgs { Name = name, Sequence = sequence }, QueryApprovedChaincodeDefinitionResult.Parser, cancellationToken);

    public Task<QueryChaincodeDefinitionResult> QueryCommittedAsync(PeerClient peer, string channelId, string name, CancellationToken cancellationToken) =>
        EvaluateAsync(peer, channelId, LifecycleFunctions.QueryChaincodeDefinition,
            new QueryChaincodeDefinitionArgs { Name = name }, QueryChaincodeDefinitionResult.Parser, cancellationToken);

    public Task<QueryChaincodeDefinitionsResult> QueryAllCommittedAsync(PeerClient peer, string channelId, CancellationToken cancellationToken) =>
        EvaluateAsync(peer, channelId, LifecycleFunctions.QueryChaincodeDefinitions,
            new QueryChaincodeDefinitionsArgs(), QueryChaincodeDefinitionsResult.Parser, cancellationToken);

    /// <summary>Approves the definition for the signer's organization; returns the committed transaction's ID.</summary>
    public Task<string> ApproveAsync(IReadOnlyList<PeerClient> peers, OrdererClient orderer, string channelId, ChaincodeDefinition definition, string? packageId, CancellationToken cancellationToken) =>
        SubmitAsync(peers, orderer, channelId, LifecycleFunctions.ApproveChaincodeDefinitionForMyOrg, definition.ToApproveArgs(packageId), cancellationToken);

    /// <summary>Commits the definition on the channel; returns the committed transaction's ID.</summary>
    public Task<string> CommitAsync(IReadOnlyList<PeerClient> peers, OrdererClient orderer, string channelId, ChaincodeDefinition definition, CancellationToken cancellationToken) =>
        SubmitAsync(peers, orderer, channelId, LifecycleFunctions.CommitChaincodeDefinition, definition.ToCommitArgs(), cancellationToken);

    private async Task<TResult> EvaluateAsync<TResult>(PeerClient peer, string channelId, string function, IMessage arguments, MessageParser<TResult> parser, CancellationToken cancellationToken)
        where TResult : IMessage<TResult>
    {
        var proposal = LifecycleProposal.Create(signer, time, channelId, function, arguments);
        var signed = await proposal.SignAsync(signer, cancellationToken).ConfigureAwait(false);
        var response = await peer.ProcessProposalAsync(signed, cancellationToken).ConfigureAwait(false);
        if (response.Response is not { Status: 200 })
        {
            throw LifecycleErrors.Refused(peer.Name, function, response.Response);
        }

        try
        {
            return parser.ParseFrom(response.Response.Payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new AdminException(AdminErrorKind.Rejected, $"{peer.Name} answered {function} with a result that is not a {typeof(TResult).Name}", e);
        }
    }

    private async Task<string> SubmitAsync(IReadOnlyList<PeerClient> peers, OrdererClient orderer, string channelId, string function, IMessage arguments, CancellationToken cancellationToken)
    {
        var proposal = LifecycleProposal.Create(signer, time, channelId, function, arguments);
        var signed = await proposal.SignAsync(signer, cancellationToken).ConfigureAwait(false);
        var endorsements = await Task.WhenAll(peers.Select(async peer =>
            new Endorsed(peer.Name, await peer.ProcessProposalAsync(signed, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var transaction = await SignedTransaction.CreateAsync(proposal, endorsements, signer, cancellationToken).ConfigureAwait(false);

        var watches = new List<CommitWatch>();
        try
        {
            foreach (var peer in peers)
            {
                watches.Add(await CommitWatch.OpenAsync(peer, signer, time, channelId, cancellationToken).ConfigureAwait(false));
            }

            await orderer.BroadcastAsync(transaction, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(watches.Select(w => w.WaitForAsync(proposal.TransactionId, cancellationToken))).ConfigureAwait(false);
            return proposal.TransactionId;
        }
        finally
        {
            foreach (var watch in watches)
            {
                watch.Dispose();
            }
        }
    }
}
