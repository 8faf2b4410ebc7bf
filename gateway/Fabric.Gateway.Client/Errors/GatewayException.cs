using System.Text;
using Grpc.Core;

namespace Fabric.Gateway.Client;

/// <summary>
/// A request to the Fabric Gateway or Deliver service failed. Evaluate and event failures are raised as this type;
/// the steps of a submit raise the subtypes, which also carry the transaction ID.
/// </summary>
public class GatewayException : Exception
{
    public GatewayException()
        : this("The Fabric Gateway request failed.")
    {
    }

    public GatewayException(string message)
        : this(message, null, [], null)
    {
    }

    public GatewayException(string message, Exception? innerException)
        : this(message, (innerException as RpcException)?.StatusCode, [], innerException)
    {
    }

    public GatewayException(string message, StatusCode? statusCode, IReadOnlyList<EndpointError> details, Exception? innerException)
        : base(WithDetails(message, details), innerException)
    {
        StatusCode = statusCode;
        Details = details;
    }

    /// <summary>The gRPC status code, or null when the failure was not a gRPC error (e.g. an invalid commit).</summary>
    public StatusCode? StatusCode { get; }

    /// <summary>The endpoints that failed, with their addresses, MSP IDs and messages; empty if Fabric sent none.</summary>
    public IReadOnlyList<EndpointError> Details { get; }

    private static string WithDetails(string message, IReadOnlyList<EndpointError> details)
    {
        if (details.Count == 0)
        {
            return message;
        }

        var text = new StringBuilder(message);
        foreach (var detail in details)
        {
            text.Append("\n  - ").Append(detail.Address).Append(" (").Append(detail.MspId).Append("): ").Append(detail.Message);
        }

        return text.ToString();
    }
}
