using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Connections;
using Grpc.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Operations;

/// <summary>
/// Ready when, for every organization the gateway signs for, at least one peer answers. The probe is the cheapest
/// gRPC call there is: <c>grpc.health.v1.Health/Check</c> on the peer's channel. A Fabric peer does not serve that
/// service and answers UNIMPLEMENTED, which proves TLS, HTTP/2 and the gRPC server are up; only UNAVAILABLE or no
/// answer in time counts as down. Nothing is signed, nothing reaches the ledger.
/// </summary>
internal sealed class PeerReadinessCheck(PeerChannelPool pool, IOptions<FabricOptions> options, TimeProvider time) : IHealthCheck
{
    private static readonly Method<byte[], byte[]> Probe = new(
        MethodType.Unary, "grpc.health.v1.Health", "Check", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var organizations = options.Value.Identities.Values.Select(i => i.MspId).Distinct(StringComparer.Ordinal).ToList();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var ready = 0;
        foreach (var mspId in organizations)
        {
            var answered = false;
            foreach (var peer in pool.PeersOf(mspId))
            {
                var up = await AnswersAsync(peer, cancellationToken).ConfigureAwait(false);
                data[peer.Endpoint] = up ? "answers" : "unavailable";
                if (up)
                {
                    answered = true;
                    break;
                }
            }

            ready += answered ? 1 : 0;
        }

        return ready == organizations.Count
            ? HealthCheckResult.Healthy("A peer of every organization answers.", data)
            : HealthCheckResult.Unhealthy($"{organizations.Count - ready} of {organizations.Count} organizations have no peer that answers.", data: data);
    }

    private async Task<bool> AnswersAsync(PeerOptions peer, CancellationToken cancellationToken)
    {
        try
        {
            var invoker = pool.ChannelFor(peer).CreateCallInvoker();
            using var call = invoker.AsyncUnaryCall(Probe, null, new CallOptions(deadline: time.GetUtcNow().UtcDateTime + ProbeTimeout, cancellationToken: cancellationToken), []);
            await call.ResponseAsync.ConfigureAwait(false);
            return true;
        }
        catch (RpcException e)
        {
            return e.StatusCode is not (StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled);
        }
    }
}
