using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting;

/// <summary>One node's gRPC endpoint: HTTP/2 over TLS on a loopback port, with the node's TLS server certificate.</summary>
internal static class NodeServer
{
    /// <summary>Fabric's default maximum gRPC message size (100 MiB).</summary>
    private const int MaxMessageSize = 100 * 1024 * 1024;

    public static async Task<WebApplication> StartAsync(
        int port, X509Certificate2 tlsCertificate, ILoggerFactory loggerFactory,
        Action<IServiceCollection> services, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenLocalhost(port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(tlsCertificate);
            });
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        });
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = MaxMessageSize;
            options.MaxSendMessageSize = MaxMessageSize;
        });
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }
}
