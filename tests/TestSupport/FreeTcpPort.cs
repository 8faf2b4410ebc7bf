using System.Net;
using System.Net.Sockets;

namespace Fabric.TestSupport;

/// <summary>Loopback TCP ports that nothing listens on at the moment of asking (the system's pick).</summary>
internal static class FreeTcpPort
{
    /// <summary>
    /// A port the system just handed out and took back. Another process may take it before the caller binds it,
    /// which the system makes unlikely by handing ports out in turn.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
