using System.Security.Authentication;
using Fabric.Protos.Peer;
using Grpc.Core;

namespace Fabric.Admin.Lifecycle;

/// <summary>Turns gRPC failures and refusals into one-line <see cref="AdminException"/>s of the right kind.</summary>
internal static class LifecycleErrors
{
    // How Fabric words refusals of the creator (endorser ACL checks, _lifecycle's admin checks, MSP validation).
    private static readonly string[] PermissionMarkers =
    [
        "access denied", "failed to authorize", "authorization", "is not an admin", "not satisfied", "does not satisfy",
        "signature set did not satisfy", "creator org unknown", "failed deserializing", "not valid under this msp",
        "the supplied identity is not valid",
    ];

    /// <summary>A peer answered a proposal with an error status.</summary>
    public static AdminException Refused(string peer, string function, Response? response)
    {
        if (response is null)
        {
            return new AdminException(AdminErrorKind.Rejected, $"{peer} answered {function} without a response");
        }

        var message = response.Message.ReplaceLineEndings(" ");
        var kind = PermissionMarkers.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? AdminErrorKind.PermissionDenied
            : AdminErrorKind.Rejected;
        var hint = kind == AdminErrorKind.PermissionDenied
            ? " (permission denied: use an admin identity of the peer's organization, e.g. users/Admin@<domain>/msp)"
            : string.Empty;
        return new AdminException(kind, $"{peer} refused {function}: {response.Status} {message}{hint}");
    }

    /// <summary>A gRPC call failed: unreachable, TLS, deadline, or a status from the server.</summary>
    public static Exception FromRpc(RpcException e, string target, CancellationToken cancellationToken)
    {
        if (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The operation was cancelled.", e, cancellationToken);
        }

        // Grpc.Net.Client reports a failed TLS handshake as Internal, a refused connection as Unavailable.
        if (FindInner<AuthenticationException>(e.Status.DebugException) is { } tls)
        {
            return new AdminException(AdminErrorKind.Unreachable,
                $"TLS handshake with {target} failed ({tls.Message}); check its TLS CA file and, if the address is not a name in its certificate, the server name option", e);
        }

        if (e.StatusCode == StatusCode.Unavailable || FindInner<HttpRequestException>(e.Status.DebugException) is not null)
        {
            return new AdminException(AdminErrorKind.Unreachable, $"{target} is unreachable: {Detail(e)}", e);
        }

        return e.StatusCode switch
        {
            StatusCode.DeadlineExceeded => new AdminException(AdminErrorKind.Timeout, $"{target} did not answer in time", e),
            StatusCode.PermissionDenied or StatusCode.Unauthenticated =>
                new AdminException(AdminErrorKind.PermissionDenied, $"{target} denied access: {Detail(e)}", e),
            StatusCode.Unimplemented => new AdminException(AdminErrorKind.Unreachable,
                $"{target} does not serve this service ({Detail(e)}); is it a peer (or, for --orderer, an orderer)?", e),
            _ => new AdminException(AdminErrorKind.Rejected, $"{target} failed: {e.StatusCode} {Detail(e)}", e),
        };
    }

    private static string Detail(RpcException e)
    {
        var detail = e.Status.Detail;
        var inner = e.Status.DebugException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        if (inner is not null && !detail.Contains(inner.Message, StringComparison.Ordinal))
        {
            detail = $"{detail} ({inner.Message})";
        }

        return detail.ReplaceLineEndings(" ");
    }

    private static T? FindInner<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
