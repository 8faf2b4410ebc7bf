using System.Net;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>
/// A chaincode-as-a-service endpoint whose side of protos.Chaincode/Connect is a test script: the fake at the
/// transport boundary for protocol cases a real shim does not produce on demand (hangs, broken streams, stray messages).
/// </summary>
internal sealed class ScriptedChaincodeServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ScriptedChaincodeServer(WebApplication app, string address)
    {
        this.app = app;
        Address = address;
    }

    public string Address { get; }

    public int Connections => app.Services.GetRequiredService<ScriptedService>().Connections;

    /// <param name="script">Runs once per connection from the peer.</param>
    public static async Task<ScriptedChaincodeServer> StartAsync(Func<ChaincodeStream, Task> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new ScriptedService(script));
        var app = builder.Build();
        app.MapGrpcService<ScriptedService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ScriptedChaincodeServer(app, new Uri(address).Authority);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }

    /// <summary>The chaincode's view of one stream.</summary>
    internal sealed class ChaincodeStream(IAsyncStreamReader<ChaincodeMessage> requests, IServerStreamWriter<ChaincodeMessage> responses, CancellationToken aborted)
    {
        public CancellationToken Aborted { get; } = aborted;

        public Task SendAsync(ChaincodeMessage message) => responses.WriteAsync(message, Aborted);

        public async Task<ChaincodeMessage> ReceiveAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Aborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            if (!await requests.MoveNext(timeout.Token))
            {
                throw new InvalidOperationException("the peer closed the stream");
            }

            return requests.Current;
        }

        /// <summary>Sends REGISTER and expects REGISTERED then READY, as a shim does.</summary>
        public async Task RegisterAsync(string packageId)
        {
            await SendAsync(new ChaincodeMessage { Type = ChaincodeMessage.Types.Type.Register, Payload = new ChaincodeID { Name = packageId }.ToByteString() });
            var registered = await ReceiveAsync();
            var ready = await ReceiveAsync();
            if (registered.Type != ChaincodeMessage.Types.Type.Registered || ready.Type != ChaincodeMessage.Types.Type.Ready)
            {
                throw new InvalidOperationException($"expected REGISTERED, READY but got {registered.Type}, {ready.Type}");
            }
        }
    }

    private sealed class ScriptedService(Func<ChaincodeStream, Task> script) : Protos.Peer.Chaincode.ChaincodeBase
    {
        private int connections;

        public int Connections => Volatile.Read(ref connections);

        public override Task Connect(IAsyncStreamReader<ChaincodeMessage> requestStream, IServerStreamWriter<ChaincodeMessage> responseStream, ServerCallContext context)
        {
            Interlocked.Increment(ref connections);
            return script(new ChaincodeStream(requestStream, responseStream, context.CancellationToken));
        }
    }
}
