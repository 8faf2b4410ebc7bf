using Fabric.DevNetwork.Msp;
using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace Fabric.DevNetwork.Peer;

/// <summary>
/// gateway.Gateway as a Fabric peer serves it: Evaluate on one peer (the local one when possible), Endorse on the
/// local peer then on the peers of every organization the policies require, Submit to the orderer, CommitStatus and
/// ChaincodeEvents from the local ledger. Status codes, messages and ErrorDetail entries follow Fabric's gateway.
/// </summary>
internal sealed class GatewayService(PeerNode local, PeerNetwork network) : Protos.Gateway.Gateway.GatewayBase
{
    public override async Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context)
    {
        UnpackedProposal proposal;
        try
        {
            proposal = UnpackedProposal.Unpack(request.ProposedTransaction);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"failed to unpack transaction proposal: {e.Message}"));
        }

        var channelId = proposal.ChannelHeader.ChannelId;
        var chaincode = proposal.Invocation.ChaincodeSpec.ChaincodeId.Name;
        var targets = request.TargetOrganizations.ToList();
        var transientProtected = false;
        if (proposal.Payload.TransientMap.Count > 0 && targets.Count == 0)
        {
            targets.Add(local.MspId);
            transientProtected = true;
        }

        var endorsers = EndorsersFor(channelId, chaincode, targets);
        if (endorsers.Count == 0)
        {
            var message = $"no peers available to evaluate chaincode {chaincode} in channel {channelId}";
            throw new RpcException(new Status(StatusCode.FailedPrecondition, transientProtected
                ? $"no endorsers found in the gateway's organization; retry specifying target organization(s) to protect transient data: {message}"
                : message));
        }

        var endorser = endorsers[0];
        var result = await endorser.Endorser.ProcessProposalAsync(request.ProposedTransaction, context.CancellationToken).ConfigureAwait(false);
        var (code, text) = GatewayErrors.Classify(result);
        if (code != StatusCode.OK)
        {
            throw GatewayErrors.Create(code, "evaluate call to endorser returned error: " + text, [GatewayErrors.Detail(endorser, text)]);
        }

        var response = result.Response.Response.Clone();
        var action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(result.Response.Payload).Extension);
        response.Payload = action.Response?.Payload ?? ByteString.Empty;
        return new EvaluateResponse { Result = response };
    }

    public override async Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context)
    {
        if (request.ProposedTransaction is null || request.ProposedTransaction.ProposalBytes.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the proposed transaction must contain a signed proposal"));
        }

        UnpackedProposal proposal;
        try
        {
            proposal = UnpackedProposal.Unpack(request.ProposedTransaction);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        var channelId = proposal.ChannelHeader.ChannelId;
        var chaincode = proposal.Invocation.ChaincodeSpec.ChaincodeId.Name;
        var hasTransientData = proposal.Payload.TransientMap.Count > 0;
        var signed = request.ProposedTransaction;
        IReadOnlyList<PeerNode> remaining;
        var collected = new List<(PeerNode Peer, ProposalResponse Response)>();
        var details = new List<ErrorDetail>();

        if (request.EndorsingOrganizations.Count > 0)
        {
            var missing = request.EndorsingOrganizations.Where(o => EndorsersFor(channelId, chaincode, [o]).Count == 0).ToList();
            if (missing.Count > 0)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, $"failed to find any endorsing peers for org(s): {string.Join(", ", missing)}"));
            }

            remaining = request.EndorsingOrganizations.Distinct().Select(o => EndorsersFor(channelId, chaincode, [o])[0]).ToList();
        }
        else
        {
            var localChannel = EndorsersFor(channelId, chaincode, [local.MspId]).FirstOrDefault();
            if (localChannel is null && hasTransientData)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    "no endorsers found in the gateway's organization; retry specifying endorsing organization(s) to protect transient data"));
            }

            var first = localChannel ?? EndorsersFor(channelId, chaincode, []).FirstOrDefault()
                ?? throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"no combination of peers can be derived which satisfy the endorsement policy: failed constructing descriptor for chaincodes:<name:\"{chaincode}\" >"));
            var firstResult = await first.Endorser.ProcessProposalAsync(signed, context.CancellationToken).ConfigureAwait(false);
            var (code, text) = GatewayErrors.Classify(firstResult);
            if (code != StatusCode.OK)
            {
                throw GatewayErrors.Create(StatusCode.Aborted, "failed to endorse transaction, see attached details for more info", [GatewayErrors.Detail(first, text)]);
            }

            collected.Add((first, firstResult.Response));
            var planner = new EndorsementPlanner(network, first.Channels[channelId]);
            var (organizations, error, _) = planner.Plan(chaincode, firstResult.Response, first.MspId, hasTransientData);
            if (organizations is null)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, error!));
            }

            remaining = organizations.Where(o => o != first.MspId).Select(o => network.PeerOf(o, channelId)!).ToList();
        }

        var results = await Task.WhenAll(remaining.Select(async peer =>
            (Peer: peer, Result: await peer.Endorser.ProcessProposalAsync(signed, context.CancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        foreach (var (peer, result) in results)
        {
            var (code, text) = GatewayErrors.Classify(result);
            if (code != StatusCode.OK)
            {
                details.Add(GatewayErrors.Detail(peer, text));
            }
            else if (collected.Count > 0 && !collected[0].Response.Payload.Equals(result.Response.Payload))
            {
                details.Add(GatewayErrors.Detail(peer, "ProposalResponsePayloads do not match"));
            }
            else
            {
                collected.Add((peer, result.Response));
            }
        }

        if (details.Count > 0 || collected.Count == 0)
        {
            throw GatewayErrors.Create(StatusCode.Aborted, "failed to collect enough transaction endorsements, see attached details for more info", details);
        }

        return new EndorseResponse { PreparedTransaction = PrepareTransaction(proposal, collected.Select(c => c.Response).ToList()) };
    }

    public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
    {
        var transaction = request.PreparedTransaction
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "a prepared transaction is required"));
        if (transaction.Signature.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "prepared transaction must be signed"));
        }

        var orderer = network.Orderer;
        if (orderer.Find(request.ChannelId) is null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"failed to get config for channel [{request.ChannelId}]: channel not found"));
        }

        var response = orderer.Broadcast(transaction);
        if (response.Status == Fabric.Protos.Common.Status.Success)
        {
            return Task.FromResult(new SubmitResponse());
        }

        var message = $"received unsuccessful response from orderer: status={GatewayErrors.StatusName(response.Status)}, info={response.Info}";
        if ((int)response.Status is >= 400 and < 500)
        {
            throw GatewayErrors.Create(StatusCode.Aborted, message);
        }

        throw GatewayErrors.Create(StatusCode.Unavailable, "no orderers could successfully process transaction",
            [new ErrorDetail { Address = orderer.Address, MspId = "OrdererMSP", Message = message }]);
    }

    public override async Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context)
    {
        if (request.Request.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a commit status request is required"));
        }

        CommitStatusRequest statusRequest;
        try
        {
            statusRequest = CommitStatusRequest.Parser.ParseFrom(request.Request);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid status request: {e.Message}"));
        }

        var channel = AuthorizedChannel(statusRequest.ChannelId, statusRequest.Identity, request.Request, request.Signature);
        var status = await channel.Index.WaitAsync(statusRequest.TransactionId, context.CancellationToken).ConfigureAwait(false);
        return new CommitStatusResponse { Result = status.Code, BlockNumber = status.BlockNumber };
    }

    public override async Task ChaincodeEvents(SignedChaincodeEventsRequest request, IServerStreamWriter<ChaincodeEventsResponse> responseStream, ServerCallContext context)
    {
        if (request.Request.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a chaincode events request is required"));
        }

        ChaincodeEventsRequest eventsRequest;
        try
        {
            eventsRequest = ChaincodeEventsRequest.Parser.ParseFrom(request.Request);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid chaincode events request: {e.Message}"));
        }

        var channel = AuthorizedChannel(eventsRequest.ChannelId, eventsRequest.Identity, request.Request, request.Signature);
        var start = ChaincodeEventReader.StartBlock(channel, eventsRequest);
        var reader = new ChaincodeEventReader(eventsRequest.ChaincodeId, eventsRequest.AfterTransactionId);
        for (var number = start; !context.CancellationToken.IsCancellationRequested; number++)
        {
            await channel.Store.WaitForBlockAsync(number, context.CancellationToken).ConfigureAwait(false);
            var events = reader.EventsOf(channel.Store.GetBlock(number)!);
            if (events.Count > 0)
            {
                var response = new ChaincodeEventsResponse { BlockNumber = number };
                response.Events.AddRange(events);
                await responseStream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
            }
        }
    }

    private PeerChannel AuthorizedChannel(string channelId, ByteString identity, ByteString signedBytes, ByteString signature)
    {
        if (!local.Channels.TryGetValue(channelId, out var channel))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"channel {channelId} not found"));
        }

        try
        {
            channel.Members.VerifySignature(identity, signedBytes.Span, signature);
        }
        catch (MspValidationException e)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"failed evaluating policy on signed data during check policy on channel [{channelId}] with policy [/Channel/Application/Writers]: {e.Message}"));
        }

        return channel;
    }

    /// <summary>Peers that can endorse the chaincode on the channel, the local peer first, restricted to <paramref name="organizations"/> when given.</summary>
    private List<PeerNode> EndorsersFor(string channelId, string chaincode, List<string> organizations) =>
        network.Peers
            .Where(p => p.Channels.TryGetValue(channelId, out var c) && c.Chaincodes.ContainsKey(chaincode))
            .Where(p => organizations.Count == 0 || organizations.Contains(p.MspId))
            .OrderBy(p => p == local ? 0 : 1)
            .ToList();

    /// <summary>Assembles the unsigned transaction envelope from the proposal and its endorsements, as Fabric's gateway does.</summary>
    private static Envelope PrepareTransaction(UnpackedProposal proposal, List<ProposalResponse> responses)
    {
        var action = new ChaincodeEndorsedAction { ProposalResponsePayload = responses[0].Payload };
        var seen = new HashSet<ByteString>();
        foreach (var endorsement in responses.Select(r => r.Endorsement).Where(e => e is not null && seen.Add(e.Endorser)))
        {
            action.Endorsements.Add(endorsement);
        }

        var actionPayload = new ChaincodeActionPayload { ChaincodeProposalPayload = proposal.PayloadWithoutTransient(), Action = action };
        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction { Header = proposal.Header.SignatureHeader, Payload = actionPayload.ToByteString() });
        var payload = new Payload { Header = proposal.Header, Data = transaction.ToByteString() };
        return new Envelope { Payload = payload.ToByteString() };
    }
}
