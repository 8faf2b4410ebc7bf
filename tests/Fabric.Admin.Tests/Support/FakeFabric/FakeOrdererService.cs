using System.Security.Cryptography;
using System.Text;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Common;
using Fabric.Protos.Msp;
using Fabric.Protos.Orderer;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Status = Fabric.Protos.Common.Status;

namespace Fabric.Admin.Tests.Support.FakeFabric;

/// <summary>
/// orderer.AtomicBroadcast that orders each transaction at once into its own block, after the checks a committing
/// peer makes: creator signature over the payload, one action whose header is the proposal's signature header, no
/// transient data, every endorsement signature valid (over response payload || endorser), then the lifecycle rules.
/// </summary>
internal sealed class FakeOrdererService(FakeFabricNetwork network) : AtomicBroadcast.AtomicBroadcastBase
{
    public override async Task Broadcast(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<BroadcastResponse> responseStream, ServerCallContext context)
    {
        var token = context.CancellationToken;
        while (await requestStream.MoveNext(token))
        {
            var envelope = requestStream.Current;
            network.Transactions.Enqueue(envelope);
            if (network.BroadcastStatus is { } status)
            {
                await responseStream.WriteAsync(new BroadcastResponse { Status = status, Info = "configured refusal" }, token);
                continue;
            }

            (string TransactionId, TxValidationCode Code) outcome;
            try
            {
                outcome = Validate(envelope);
            }
            catch (Exception e) when (e is FabricViolationException or InvalidProtocolBufferException or NullReferenceException)
            {
                network.Violations.Enqueue($"orderer: {e.Message}");
                await responseStream.WriteAsync(new BroadcastResponse { Status = Status.BadRequest, Info = e.Message }, token);
                continue;
            }

            await responseStream.WriteAsync(new BroadcastResponse { Status = Status.Success }, token);
            if (!network.HoldBlocks)
            {
                network.AppendBlock(outcome.TransactionId, outcome.Code);
            }
        }
    }

    private (string TransactionId, TxValidationCode Code) Validate(Envelope envelope)
    {
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
        FabricChecks.Require(channelHeader.Type == (int)HeaderType.EndorserTransaction, $"transaction header type {channelHeader.Type} is not ENDORSER_TRANSACTION (3)");
        FabricChecks.Require(channelHeader.ChannelId == network.Channel, $"transaction for unknown channel '{channelHeader.ChannelId}'");
        FabricChecks.VerifyTransactionId(channelHeader.TxId, signatureHeader);
        var creatorMsp = FabricChecks.VerifySignature(signatureHeader.Creator, envelope.Payload, envelope.Signature, HashAlgorithmName.SHA256);

        var transaction = Transaction.Parser.ParseFrom(payload.Data);
        FabricChecks.Require(transaction.Actions.Count == 1, $"{transaction.Actions.Count} actions; the CLI sends one");
        var action = transaction.Actions[0];
        FabricChecks.Require(action.Header == payload.Header.SignatureHeader, "the action header is not the proposal's signature header");
        var actionPayload = ChaincodeActionPayload.Parser.ParseFrom(action.Payload);
        var proposalPayload = ChaincodeProposalPayload.Parser.ParseFrom(actionPayload.ChaincodeProposalPayload);
        FabricChecks.Require(proposalPayload.TransientMap.Count == 0, "transient data reached the orderer");
        var endorsed = actionPayload.Action;
        FabricChecks.Require(endorsed.Endorsements.Count > 0, "no endorsements");
        var endorsingOrgs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endorsement in endorsed.Endorsements)
        {
            var signed = ByteString.CopyFrom([.. endorsed.ProposalResponsePayload.Span, .. endorsement.Endorser.Span]);
            endorsingOrgs.Add(FabricChecks.VerifySignature(endorsement.Endorser, signed, endorsement.Signature, HashAlgorithmName.SHA256));
        }

        var chaincodeAction = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(endorsed.ProposalResponsePayload).Extension);
        var results = ChaincodeInput.Parser.ParseFrom(chaincodeAction.Results);
        var function = Encoding.UTF8.GetString(results.Args[0].Span);
        FabricChecks.Require(results.Args[2].ToStringUtf8() == creatorMsp, "the transaction creator is not the proposal's creator");
        _ = SerializedIdentity.Parser.ParseFrom(signatureHeader.Creator);
        return (channelHeader.TxId, network.Lifecycle.Apply(function, results.Args[1], creatorMsp, endorsingOrgs));
    }
}
