using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Fabric.Chaincode.Tests.Support;

/// <summary>A real chaincode server on a free loopback port, and gRPC channels to it.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    public const string PackageId = "basic_1.0:4ec191e793b27e953ff2ede5a8bcc63152cecb1e4c3f301a26e22692c61967ad";

    private readonly List<GrpcChannel> _channels = [];

    private ServerHarness(ChaincodeServer server)
    {
        Server = server;
    }

    public ChaincodeServer Server { get; }

    public Uri Address => new(Server.Addresses[0]);

    public static async Task<ServerHarness> StartAsync(
        Action<ChaincodeServerBuilder> configure, Action<ChaincodeServerOptions>? options = null)
    {
        var builder = ChaincodeServer.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configure(o =>
        {
            o.Address = "127.0.0.1:0";
            o.PackageId = PackageId;
            o.TlsDisabled = true;
            o.LocalMspId = "Org1MSP";
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
            options?.Invoke(o);
        });
        configure(builder);
        var server = builder.Build();
        using var timeout = new CancellationTokenSource(ScriptedPeer.Timeout);
        await server.StartAsync(timeout.Token);
        return new ServerHarness(server);
    }

    public GrpcChannel Channel(X509Certificate2? trustedRoot = null, X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = ScriptedPeer.Timeout };
        if (trustedRoot is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && IsIssuedBy(certificate, trustedRoot),
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            };
        }

        var scheme = trustedRoot is null ? "http" : "https";
        var channel = GrpcChannel.ForAddress($"{scheme}://127.0.0.1:{Address.Port}", new GrpcChannelOptions { HttpHandler = handler });
        _channels.Add(channel);
        return channel;
    }

    public Task<ScriptedPeer> ConnectPeerAsync(FakeLedger? ledger = null) => ScriptedPeer.ConnectAsync(Channel(), ledger);

    private static bool IsIssuedBy(X509Certificate certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        using var timeout = new CancellationTokenSource(ScriptedPeer.Timeout);
        await Server.StopAsync(timeout.Token);
        await Server.DisposeAsync();
    }
}
