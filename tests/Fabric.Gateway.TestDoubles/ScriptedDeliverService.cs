using Fabric.Protos.Common;
using Fabric.Protos.Orderer;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using DeliverResponse = Fabric.Protos.Peer.DeliverResponse;
using Status = Fabric.Protos.Common.Status;

namespace Fabric.Gateway.TestDoubles;

/// <summary>
/// <c>protos.Deliver</c> as a Fabric peer serves it: reads a signed DELIVER_SEEK_INFO envelope, streams blocks from
/// the start position to the stop position, and answers a bad request with a status response, not a gRPC error.
/// </summary>
internal sealed class ScriptedDeliverService(ScriptedPeerState state) : Deliver.DeliverBase
{
    private enum Kind
    {
        Block,
        Filtered,
        PrivateData,
    }

    public override Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        ServeAsync(Kind.Block, requestStream, responseStream, context);

    public override Task DeliverFiltered(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        ServeAsync(Kind.Filtered, requestStream, responseStream, context);

    public override Task DeliverWithPrivateData(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        ServeAsync(Kind.PrivateData, requestStream, responseStream, context);

    private async Task ServeAsync(Kind kind, IAsyncStreamReader<Envelope> requests, IServerStreamWriter<DeliverResponse> responses, ServerCallContext context)
    {
        state.Enter(PeerMethod.Deliver);
        var token = context.CancellationToken;
        while (await requests.MoveNext(token))
        {
            string channelId;
            SeekInfo seekInfo;
            try
            {
                (channelId, seekInfo) = VerifySeekEnvelope(requests.Current);
            }
            catch (FabricViolationException e)
            {
                state.Violations.Enqueue(e.Message);
                await responses.WriteAsync(new DeliverResponse { Status = Status.Forbidden }, token);
                return;
            }
            catch (InvalidProtocolBufferException e)
            {
                state.Violations.Enqueue("malformed seek envelope: " + e.Message);
                await responses.WriteAsync(new DeliverResponse { Status = Status.BadRequest }, token);
                return;
            }

            var ledger = state.Ledger(channelId);
            var next = seekInfo.Start.TypeCase switch
            {
                SeekPosition.TypeOneofCase.Specified => seekInfo.Start.Specified.Number,
                SeekPosition.TypeOneofCase.Oldest => 0UL,
                SeekPosition.TypeOneofCase.Newest => Math.Max(ledger.Height, 1) - 1,
                _ => ledger.Height,
            };
            state.MarkListening(PeerMethod.Deliver);
            var stop = seekInfo.Stop.TypeCase == SeekPosition.TypeOneofCase.Specified ? seekInfo.Stop.Specified.Number : ulong.MaxValue;
            for (; next <= stop; next++)
            {
                var transactions = await ledger.WaitForBlockAsync(next, token);
                var response = kind switch
                {
                    Kind.Block => new DeliverResponse { Block = ScriptedLedger.ToBlock(next, transactions) },
                    Kind.Filtered => new DeliverResponse { FilteredBlock = ledger.ToFilteredBlock(next, transactions) },
                    _ => new DeliverResponse { BlockAndPrivateData = ScriptedLedger.ToBlockAndPrivateData(next, transactions) },
                };
                await responses.WriteAsync(response, token);
                if (next == ulong.MaxValue)
                {
                    break;
                }
            }

            await responses.WriteAsync(new DeliverResponse { Status = Status.Success }, token);
        }
    }

    private (string ChannelId, SeekInfo SeekInfo) VerifySeekEnvelope(Envelope envelope)
    {
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        FabricChecks.Require(payload.Header is not null, "the seek envelope has no header");
        var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header!.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
        FabricChecks.Require(channelHeader.Type == (int)HeaderType.DeliverSeekInfo, $"header type {channelHeader.Type} is not DELIVER_SEEK_INFO (5)");
        FabricChecks.Require(channelHeader.ChannelId.Length > 0, "the seek envelope names no channel");
        FabricChecks.Require(channelHeader.Timestamp is not null, "the seek envelope has no timestamp");
        FabricChecks.VerifySignature(signatureHeader.Creator, envelope.Payload, envelope.Signature, state.SignatureHash);
        if (state.ExpectedTlsCertificateHash is { } expected)
        {
            FabricChecks.Require(channelHeader.TlsCertHash.Equals(expected), "the TLS certificate hash does not match the client's TLS certificate");
        }

        var seekInfo = SeekInfo.Parser.ParseFrom(payload.Data);
        FabricChecks.Require(seekInfo.Start is not null && seekInfo.Stop is not null, "the seek info needs a start and a stop");
        return (channelHeader.ChannelId, seekInfo);
    }
}
