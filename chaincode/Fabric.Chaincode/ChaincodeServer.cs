using Fabric.Chaincode.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fabric.Chaincode;

/// <summary>
/// A chaincode-as-a-service server: the gRPC service <c>protos.Chaincode/Connect</c> over HTTP/2 (Kestrel) that
/// Fabric peers dial. Start one with
/// <c>await ChaincodeServer.CreateBuilder(args).AddContract&lt;MyContract&gt;().Build().RunAsync();</c>
/// </summary>
public sealed class ChaincodeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ChaincodeServerOptions _options;

    internal ChaincodeServer(WebApplication app, ChaincodeServerOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>
    /// A builder whose options come from CHAINCODE_SERVER_ADDRESS, CHAINCODE_ID (or CORE_CHAINCODE_ID_NAME),
    /// CHAINCODE_TLS_DISABLED, CHAINCODE_TLS_CERT, CHAINCODE_TLS_KEY, CHAINCODE_CLIENT_CA_CERT and
    /// CORE_PEER_LOCALMSPID, in the environment or as <c>--NAME=value</c> arguments.
    /// </summary>
    public static ChaincodeServerBuilder CreateBuilder(params string[] args) => new(args ?? []);

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The addresses the server listens on, once started (with the real port when port 0 was configured).</summary>
    public IReadOnlyList<string> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>Runs until SIGTERM, Ctrl+C or <paramref name="cancellationToken"/>; running transactions may finish first.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        ChaincodeLog.ServerStopped(Logger);
    }

    /// <summary>Starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        ChaincodeLog.ServerListening(Logger, string.Join(", ", Addresses), _options.PackageId, ServerTls.Describe(_options));
    }

    /// <summary>Stops: refuses new transactions, lets running ones finish (up to the shutdown timeout), closes the streams.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private ILogger Logger => _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Fabric.Chaincode.Server");
}
