using System.Security.Cryptography;
using Fabric.Gateway.TestDoubles;
using Fabric.Protos.Common;
using Fabric.Protos.Orderer;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Status = Fabric.Protos.Common.Status;
using DeliverResponse = Fabric.Protos.Peer.DeliverResponse;

namespace Fabric.Admin.Tests.Support.FakeFabric;

/// <summary>
/// A peer's protos.Deliver (filtered blocks only): checks the signed DELIVER_SEEK_INFO request, then streams from
/// the newest block on, blocking for new ones; a bad request gets a status response, as in Fabric.
/// </summary>
internal sealed class FakeDeliverService(FakeFabricNetwork network, FakePeer peer) : Deliver.DeliverBase
{
    public override async Task DeliverFiltered(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context)
    {
        var token = context.CancellationToken;
        if (!await requestStream.MoveNext(token))
        {
            return;
        }

        var request = requestStream.Current;
        network.SeekRequests.Enqueue(request);
        try
        {
            var payload = Payload.Parser.ParseFrom(request.Payload);
            var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
            FabricChecks.Require(channelHeader.Type == (int)HeaderType.DeliverSeekInfo, $"seek header type is {channelHeader.Type}, not DELIVER_SEEK_INFO (5)");
            FabricChecks.Require(channelHeader.ChannelId == network.Channel, $"seek for unknown channel '{channelHeader.ChannelId}'");
            FabricChecks.VerifySignature(signatureHeader.Creator, request.Payload, request.Signature, HashAlgorithmName.SHA256);
            var seek = SeekInfo.Parser.ParseFrom(payload.Data);
            FabricChecks.Require(seek.Start?.TypeCase == SeekPosition.TypeOneofCase.Newest, "the CLI seeks from the newest block");
            FabricChecks.Require(seek.Stop?.Specified?.Number == ulong.MaxValue, "the CLI seeks without an end");
            FabricChecks.Require(seek.Behavior == SeekInfo.Types.SeekBehavior.BlockUntilReady, "the CLI blocks until blocks are ready");
        }
        catch (Exception e) when (e is FabricViolationException or InvalidProtocolBufferException or NullReferenceException)
        {
            network.Violations.Enqueue($"{peer.MspId} deliver: {e.Message}");
            await responseStream.WriteAsync(new DeliverResponse { Status = Status.BadRequest }, token);
            return;
        }

        try
        {
            for (var next = network.Height - 1; ; next++)
            {
                var block = await network.WaitForBlockAsync(next, token);
                await responseStream.WriteAsync(new DeliverResponse { FilteredBlock = block }, token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client closed the stream.
        }
    }
}
