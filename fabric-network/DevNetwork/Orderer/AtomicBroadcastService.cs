using Fabric.DevNetwork.Protocol;
using Fabric.Protos.Common;
using Fabric.Protos.Orderer;
using Grpc.Core;

namespace Fabric.DevNetwork.Orderer;

/// <summary>orderer.AtomicBroadcast: Broadcast (transactions in) and Deliver (blocks out) over gRPC.</summary>
internal sealed class AtomicBroadcastService(OrderingService ordering) : AtomicBroadcast.AtomicBroadcastBase
{
    public override async Task Broadcast(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<BroadcastResponse> responseStream, ServerCallContext context)
    {
        await foreach (var envelope in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(ordering.Broadcast(envelope), context.CancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context)
    {
        await foreach (var envelope in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            var (request, status) = DeliverRequest.Parse(
                envelope, id => ordering.Find(id)?.Members, id => ordering.Find(id)?.Store.Height ?? 0);
            if (request is not null)
            {
                var store = ordering.Find(request.ChannelId)!.Store;
                for (var number = request.Start; number <= request.Stop; number++)
                {
                    await store.WaitForBlockAsync(number, context.CancellationToken).ConfigureAwait(false);
                    await responseStream.WriteAsync(new DeliverResponse { Block = store.GetBlock(number) }, context.CancellationToken).ConfigureAwait(false);
                    if (number == ulong.MaxValue)
                    {
                        break;
                    }
                }
            }

            await responseStream.WriteAsync(new DeliverResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
