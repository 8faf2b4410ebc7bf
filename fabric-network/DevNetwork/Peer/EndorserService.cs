using Fabric.Protos.Peer;
using Grpc.Core;

namespace Fabric.DevNetwork.Peer;

/// <summary>protos.Endorser over gRPC. A rejected proposal is a gRPC error (UNKNOWN, as a Go peer returns a plain error).</summary>
internal sealed class EndorserService(PeerNode peer) : Protos.Peer.Endorser.EndorserBase
{
    public override async Task<ProposalResponse> ProcessProposal(SignedProposal request, ServerCallContext context)
    {
        var result = await peer.Endorser.ProcessProposalAsync(request, context.CancellationToken).ConfigureAwait(false);
        return result.Error is null ? result.Response : throw new RpcException(new Status(StatusCode.Unknown, result.Error));
    }
}
