using System.Security.Cryptography;
using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Msp;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using GatewayService = Fabric.Protos.Gateway.Gateway;

namespace Fabric.Gateway.TestDoubles;

/// <summary>
/// <c>gateway.Gateway</c> as a Fabric v2.5 peer serves it, with a scripted chaincode, orderer and ledger behind it.
/// Status codes and messages follow Fabric's gateway: a chaincode error on evaluate is UNKNOWN, on endorse ABORTED
/// with a <c>gateway.ErrorDetail</c> naming the endorser.
/// </summary>
internal sealed class ScriptedGatewayService(ScriptedPeerState state) : GatewayService.GatewayBase
{
    public override Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context)
    {
        state.Enter(PeerMethod.Evaluate);
        var (invocation, _, _) = Verify(request.ProposedTransaction, request.ChannelId, request.TransactionId, request.TargetOrganizations);
        if (state.RecordInvocations)
        {
            state.Evaluated.Enqueue(invocation);
        }

        var outcome = state.Chaincode(invocation);
        if (outcome.Status >= 400)
        {
            throw ScriptedPeerState.RpcError(
                StatusCode.Unknown,
                $"evaluate call to endorser returned error: chaincode response {outcome.Status}, {outcome.Message}",
                Detail($"chaincode response {outcome.Status}, {outcome.Message}"));
        }

        return Task.FromResult(new EvaluateResponse
        {
            Result = new Response { Status = outcome.Status, Message = outcome.Message, Payload = ByteString.CopyFrom(outcome.Payload) },
        });
    }

    public override Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context)
    {
        state.Enter(PeerMethod.Endorse);
        var (invocation, header, payload) = Verify(request.ProposedTransaction, request.ChannelId, request.TransactionId, request.EndorsingOrganizations);
        if (state.RecordInvocations)
        {
            state.Endorsed.Enqueue(invocation);
        }

        var outcome = state.Chaincode(invocation);
        if (outcome.Status >= 400)
        {
            throw ScriptedPeerState.RpcError(
                StatusCode.Aborted,
                "failed to endorse transaction, see attached details for more info",
                Detail($"chaincode response {outcome.Status}, {outcome.Message}"));
        }

        var envelope = PrepareTransaction(header, payload, request.ProposedTransaction.ProposalBytes, invocation, outcome);
        state.Pending[invocation.TransactionId] = new PendingTransaction(envelope.Payload, outcome, invocation);
        return Task.FromResult(new EndorseResponse { PreparedTransaction = envelope });
    }

    public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
    {
        state.Enter(PeerMethod.Submit);
        var envelope = request.PreparedTransaction ?? throw state.Violation("a prepared transaction is required");
        try
        {
            FabricChecks.Require(!envelope.Signature.IsEmpty, "prepared transaction must be signed");
            var payload = Payload.Parser.ParseFrom(envelope.Payload);
            var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
            FabricChecks.Require(channelHeader.Type == (int)HeaderType.EndorserTransaction, "envelope is not an ENDORSER_TRANSACTION");
            FabricChecks.Require(channelHeader.TxId == request.TransactionId, "envelope tx ID differs from the request's");
            FabricChecks.Require(channelHeader.ChannelId == request.ChannelId, "envelope channel differs from the request's");
            FabricChecks.VerifySignature(signatureHeader.Creator, envelope.Payload, envelope.Signature, state.SignatureHash);
            var ledger = state.Ledger(request.ChannelId);
            if (ledger.TryGetTransaction(request.TransactionId, out _, out _))
            {
                // A resent transaction: the orderer takes it again and the committer marks the copy a duplicate.
                if (state.RecordInvocations)
                {
                    state.Submitted.Enqueue(request.TransactionId);
                }

                return Task.FromResult(new SubmitResponse());
            }

            FabricChecks.Require(state.Pending.TryRemove(request.TransactionId, out var pending), "transaction was never endorsed here");
            FabricChecks.Require(pending!.EnvelopePayload.Equals(envelope.Payload), "the endorsed envelope payload was altered");

            var transaction = Fabric.Protos.Peer.Transaction.Parser.ParseFrom(payload.Data);
            var action = ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload);
            FabricChecks.Require(
                ChaincodeProposalPayload.Parser.ParseFrom(action.ChaincodeProposalPayload).TransientMap.Count == 0,
                "transient data must never reach the ordered transaction");

            if (state.RecordInvocations)
            {
                state.Submitted.Enqueue(request.TransactionId);
            }

            var valid = pending.Outcome.ValidationCode == TxValidationCode.Valid;
            ChaincodeEvent? chaincodeEvent = pending.Outcome.Event is { } e && valid
                ? new ChaincodeEvent
                {
                    ChaincodeId = pending.Invocation.ChaincodeName,
                    TxId = request.TransactionId,
                    EventName = e.Name,
                    Payload = ByteString.CopyFrom(e.Payload),
                }
                : null;
            var stored = state.RetainBlockContents ? envelope : ScriptedLedger.MinimalEnvelope(request.ChannelId, request.TransactionId);
            ledger.Append([new LedgerTransaction(request.TransactionId, pending.Outcome.ValidationCode, stored, chaincodeEvent)]);
        }
        catch (FabricViolationException e)
        {
            throw state.Violation(e.Message);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw state.Violation("malformed envelope: " + e.Message);
        }

        return Task.FromResult(new SubmitResponse());
    }

    public override async Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context)
    {
        state.Enter(PeerMethod.CommitStatus);
        CommitStatusRequest inner;
        try
        {
            inner = CommitStatusRequest.Parser.ParseFrom(request.Request);
            FabricChecks.Require(!inner.Identity.IsEmpty, "no identity provided");
            FabricChecks.Require(inner.ChannelId.Length > 0, "no channel ID provided");
            FabricChecks.Require(inner.TransactionId.Length > 0, "transaction ID should not be empty");
            FabricChecks.VerifySignature(inner.Identity, request.Request, request.Signature, state.SignatureHash);
        }
        catch (FabricViolationException e)
        {
            throw state.Violation(e.Message);
        }

        var (block, code) = await state.Ledger(inner.ChannelId).WaitForTransactionAsync(inner.TransactionId, context.CancellationToken);
        return new CommitStatusResponse { Result = code, BlockNumber = block };
    }

    public override async Task ChaincodeEvents(
        SignedChaincodeEventsRequest request, IServerStreamWriter<ChaincodeEventsResponse> responseStream, ServerCallContext context)
    {
        state.Enter(PeerMethod.ChaincodeEvents);
        ChaincodeEventsRequest inner;
        try
        {
            inner = ChaincodeEventsRequest.Parser.ParseFrom(request.Request);
            FabricChecks.VerifySignature(inner.Identity, request.Request, request.Signature, state.SignatureHash);
            FabricChecks.Require(inner.StartPosition is not null, "no start position");
            FabricChecks.Require(inner.ChannelId.Length > 0 && inner.ChaincodeId.Length > 0, "no channel or chaincode");
        }
        catch (FabricViolationException e)
        {
            throw state.Violation(e.Message);
        }

        var ledger = state.Ledger(inner.ChannelId);
        ulong next;
        if (inner.AfterTransactionId.Length > 0 && ledger.TryGetTransaction(inner.AfterTransactionId, out var checkpointBlock, out _))
        {
            next = checkpointBlock;
        }
        else
        {
            next = inner.StartPosition!.TypeCase switch
            {
                Fabric.Protos.Orderer.SeekPosition.TypeOneofCase.Specified => inner.StartPosition.Specified.Number,
                Fabric.Protos.Orderer.SeekPosition.TypeOneofCase.NextCommit => ledger.Height,
                _ => throw state.Violation($"invalid start position type: {inner.StartPosition.TypeCase}"),
            };
        }

        state.MarkListening(PeerMethod.ChaincodeEvents);

        // Like Fabric: skip every event up to and including the checkpointed transaction, then match by chaincode.
        var passedCheckpoint = inner.AfterTransactionId.Length == 0;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var transactions = await ledger.WaitForBlockAsync(next, context.CancellationToken);
            var response = new ChaincodeEventsResponse { BlockNumber = next };
            foreach (var transaction in transactions)
            {
                if (transaction.Event is null || transaction.ValidationCode != TxValidationCode.Valid)
                {
                    continue;
                }

                if (!passedCheckpoint)
                {
                    passedCheckpoint = transaction.TransactionId == inner.AfterTransactionId;
                    continue;
                }

                if (transaction.Event.ChaincodeId == inner.ChaincodeId)
                {
                    response.Events.Add(transaction.Event);
                }
            }

            if (response.Events.Count > 0)
            {
                await responseStream.WriteAsync(response, context.CancellationToken);
            }

            next++;
        }
    }

    private (Invocation, Header, ChaincodeProposalPayload) Verify(
        SignedProposal? signedProposal, string channelId, string transactionId, IEnumerable<string> organizations)
    {
        if (signedProposal is null)
        {
            throw state.Violation("the proposed transaction must contain a signed proposal");
        }

        try
        {
            return FabricChecks.VerifyProposal(signedProposal, channelId, transactionId, organizations, state.SignatureHash);
        }
        catch (FabricViolationException e)
        {
            throw state.Violation(e.Message);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw state.Violation("failed to unpack transaction proposal: " + e.Message);
        }
    }

    private ErrorDetail Detail(string message) => new() { Address = state.PeerAddress, MspId = state.PeerMspId, Message = message };

    /// <summary>Assembles the transaction envelope from the proposal and one endorsement, as Fabric's gateway does.</summary>
    private Envelope PrepareTransaction(
        Header header, ChaincodeProposalPayload payload, ByteString proposalBytes, Invocation invocation, ChaincodeOutcome outcome)
    {
        var chaincodeAction = new ChaincodeAction
        {
            Response = new Response { Status = outcome.Status, Message = outcome.Message, Payload = ByteString.CopyFrom(outcome.Payload) },
            ChaincodeId = new ChaincodeID { Name = invocation.ChaincodeName },
        };
        if (outcome.Event is { } e)
        {
            chaincodeAction.Events = new ChaincodeEvent
            {
                ChaincodeId = invocation.ChaincodeName, TxId = invocation.TransactionId, EventName = e.Name, Payload = ByteString.CopyFrom(e.Payload),
            }.ToByteString();
        }

        var responsePayload = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(SHA256.HashData(proposalBytes.Span)),
            Extension = chaincodeAction.ToByteString(),
        }.ToByteString();
        var endorser = new SerializedIdentity
        {
            Mspid = state.PeerMspId,
            IdBytes = ByteString.CopyFromUtf8(state.PeerIdentity.CertificatePem),
        }.ToByteString();
        var endorsement = new Endorsement
        {
            Endorser = endorser,
            Signature = ByteString.CopyFrom(state.PeerKey.SignData(
                [.. responsePayload.Span, .. endorser.Span], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)),
        };

        var withoutTransient = new ChaincodeProposalPayload { Input = payload.Input };
        var actionPayload = new ChaincodeActionPayload
        {
            ChaincodeProposalPayload = withoutTransient.ToByteString(),
            Action = new ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload, Endorsements = { endorsement } },
        };
        var transaction = new Fabric.Protos.Peer.Transaction
        {
            Actions = { new TransactionAction { Header = header.SignatureHeader, Payload = actionPayload.ToByteString() } },
        };
        return new Envelope { Payload = new Payload { Header = header, Data = transaction.ToByteString() }.ToByteString() };
    }
}
