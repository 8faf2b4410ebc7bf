using Fabric.Protos.Gateway;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Fabric.DevNetwork.Peer;

/// <summary>gRPC errors as Fabric's gateway returns them: a status code, a message and gateway.ErrorDetail entries.</summary>
internal static class GatewayErrors
{
    public static RpcException Create(StatusCode code, string message, IEnumerable<ErrorDetail>? details = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details ?? [])
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }

    public static ErrorDetail Detail(PeerNode peer, string message) =>
        new() { Address = peer.Address, MspId = peer.MspId, Message = message };

    /// <summary>
    /// Fabric's classification of a ProcessProposal outcome: OK; FAILED_PRECONDITION when the peer rejected the
    /// proposal; ABORTED for a peer-generated 500 without payload; UNKNOWN for an error returned by the chaincode.
    /// </summary>
    public static (StatusCode Code, string Message) Classify(EndorsementResult result)
    {
        if (result.Error is not null)
        {
            return (StatusCode.FailedPrecondition, result.Error);
        }

        var response = result.Response.Response;
        if (response.Status is >= 200 and < 400)
        {
            return (StatusCode.OK, "");
        }

        return result.Response.Payload.IsEmpty && response.Status == 500
            ? (StatusCode.Aborted, response.Message)
            : (StatusCode.Unknown, $"chaincode response {response.Status}, {response.Message}");
    }

    /// <summary>common.Status names as Fabric prints them.</summary>
    public static string StatusName(Fabric.Protos.Common.Status status) => status switch
    {
        Fabric.Protos.Common.Status.Success => "SUCCESS",
        Fabric.Protos.Common.Status.BadRequest => "BAD_REQUEST",
        Fabric.Protos.Common.Status.Forbidden => "FORBIDDEN",
        Fabric.Protos.Common.Status.NotFound => "NOT_FOUND",
        Fabric.Protos.Common.Status.RequestEntityTooLarge => "REQUEST_ENTITY_TOO_LARGE",
        Fabric.Protos.Common.Status.InternalServerError => "INTERNAL_SERVER_ERROR",
        Fabric.Protos.Common.Status.NotImplemented => "NOT_IMPLEMENTED",
        Fabric.Protos.Common.Status.ServiceUnavailable => "SERVICE_UNAVAILABLE",
        _ => "UNKNOWN",
    };
}
