using Fabric.Protos.Peer;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fabric.Admin.Lifecycle;

/// <summary>A connection to one peer: its endorser (<c>protos.Endorser</c>) and deliver (<c>protos.Deliver</c>) services.</summary>
internal sealed class PeerClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public PeerClient(Endpoint endpoint)
    {
        Endpoint = endpoint;
        _channel = endpoint.OpenChannel();
        Endorser = new Endorser.EndorserClient(_channel);
        Deliver = new Deliver.DeliverClient(_channel);
    }

    public Endpoint Endpoint { get; }

    public string Name => $"peer {Endpoint.Address}";

    public Endorser.EndorserClient Endorser { get; }

    public Deliver.DeliverClient Deliver { get; }

    public async Task<ProposalResponse> ProcessProposalAsync(SignedProposal proposal, CancellationToken cancellationToken)
    {
        try
        {
            return await Endorser.ProcessProposalAsync(proposal, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw LifecycleErrors.FromRpc(e, Name, cancellationToken);
        }
    }

    public void Dispose() => _channel.Dispose();
}
