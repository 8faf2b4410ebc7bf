using Google.Rpc;
using Grpc.Core;
using ProtoErrorDetail = Fabric.Protos.Gateway.ErrorDetail;

namespace Fabric.Gateway.Client.Internal;

/// <summary>
/// Reads the per-endpoint <c>gateway.ErrorDetail</c> entries that the Fabric Gateway packs into the
/// <c>google.rpc.Status</c> of a failed call (trailer <c>grpc-status-details-bin</c>).
/// </summary>
internal static class ErrorMapping
{
    public static IReadOnlyList<EndpointError> Details(RpcException exception)
    {
        Google.Rpc.Status? status;
        try
        {
            status = exception.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return [];
        }

        if (status is null || status.Details.Count == 0)
        {
            return [];
        }

        var result = new List<EndpointError>(status.Details.Count);
        foreach (var any in status.Details)
        {
            if (any.TryUnpack<ProtoErrorDetail>(out var detail))
            {
                result.Add(new EndpointError(detail.Address, detail.MspId, detail.Message));
            }
        }

        return result;
    }

    public static string Describe(RpcException exception) =>
        $"{exception.StatusCode}: {exception.Status.Detail}";
}
