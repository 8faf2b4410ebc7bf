using Fabric.Protos.Common;
using Fabric.Protos.Orderer;
using Grpc.Core;
using Status = Fabric.Protos.Common.Status;
using Grpc.Net.Client;

namespace Fabric.Admin.Lifecycle;

/// <summary>A connection to an ordering node's <c>orderer.AtomicBroadcast</c> service.</summary>
internal sealed class OrdererClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AtomicBroadcast.AtomicBroadcastClient _client;

    public OrdererClient(Endpoint endpoint)
    {
        Endpoint = endpoint;
        _channel = endpoint.OpenChannel();
        _client = new AtomicBroadcast.AtomicBroadcastClient(_channel);
    }

    public Endpoint Endpoint { get; }

    public string Name => $"orderer {Endpoint.Address}";

    /// <summary>Sends one transaction for ordering and waits for the orderer's acceptance (not for the commit).</summary>
    public async Task BroadcastAsync(Envelope transaction, CancellationToken cancellationToken)
    {
        BroadcastResponse response;
        try
        {
            using var call = _client.Broadcast(cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(transaction, cancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                throw new AdminException(AdminErrorKind.Rejected, $"{Name} closed the broadcast stream without an answer");
            }

            response = call.ResponseStream.Current;
        }
        catch (RpcException e)
        {
            throw LifecycleErrors.FromRpc(e, Name, cancellationToken);
        }

        if (response.Status != Status.Success)
        {
            var kind = response.Status == Status.Forbidden ? AdminErrorKind.PermissionDenied : AdminErrorKind.Rejected;
            throw new AdminException(kind, $"{Name} refused the transaction: {response.Status} {response.Info}".TrimEnd());
        }
    }

    public void Dispose() => _channel.Dispose();
}
