using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.Gateway.TestDoubles;

/// <summary>TLS settings of the scripted peer.</summary>
/// <param name="ServerCertificate">The server certificate with its private key.</param>
/// <param name="ClientCa">When set, a client certificate signed by this CA is required (mutual TLS).</param>
public sealed record ScriptedPeerTls(X509Certificate2 ServerCertificate, X509Certificate2? ClientCa = null);

/// <summary>
/// A scripted Fabric peer hosted in-process by Kestrel on a loopback port, serving <c>gateway.Gateway</c> and
/// <c>protos.Deliver</c> over HTTP/2 (cleartext, or TLS with optional client certificates).
/// </summary>
public sealed class ScriptedFabricPeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedFabricPeer(WebApplication app, ScriptedPeerState state, Uri address)
    {
        _app = app;
        State = state;
        Address = address;
    }

    public ScriptedPeerState State { get; }

    /// <summary>http://127.0.0.1:port, or https://localhost:port with TLS.</summary>
    public Uri Address { get; }

    public static async Task<ScriptedFabricPeer> StartAsync(ScriptedPeerTls? tls = null, CancellationToken cancellationToken = default)
    {
        var state = new ScriptedPeerState();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tls is not null)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = tls.ServerCertificate;
                    if (tls.ClientCa is { } clientCa)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (certificate, _, _) => IssuedBy(certificate, clientCa);
                    }
                });
            }
        }));
        builder.Services.AddSingleton(state);
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 100 * 1024 * 1024);
        var app = builder.Build();
        app.MapGrpcService<ScriptedGatewayService>();
        app.MapGrpcService<ScriptedDeliverService>();
        await app.StartAsync(cancellationToken);

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var address = tls is null ? new Uri($"http://127.0.0.1:{bound.Port}") : new Uri($"https://localhost:{bound.Port}");
        return new ScriptedFabricPeer(app, state, address);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        State.Dispose();
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
