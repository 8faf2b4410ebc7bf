extern alias GatewayApi;

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GatewayApi::Fabric.Gateway.Api;
using GatewayApi::Fabric.Gateway.Api.Fabric;
using Fabric.Network.Testing;
using Fabric.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.LoadTest;

/// <summary>
/// The REST gateway's real Program on Kestrel (a free loopback port), configured for the conformance network's
/// <c>basic</c> chaincode as the business network <c>load</c>, with one extra endpoint (the business endpoints do
/// not cover <c>basic</c>): <c>POST /api/load/{key}?value=...</c> submits <c>create(key, value)</c> through the
/// gateway's own invoker, so every request pays what a business endpoint pays (authentication, identity, the
/// idempotency journal, endorse, order, commit wait).
/// </summary>
internal sealed class RestLoadGateway : IAsyncDisposable
{
    private readonly WebApplicationFactory<GatewayApi::Program> _factory;
    private readonly string _directory;
    private readonly string _apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public RestLoadGateway(FabricTestNetwork network, TestUser user, string? postgresJournal)
    {
        _directory = Path.Combine(Path.GetTempPath(), "fabric-load-rest", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Fabric:Networks:load:Channel"] = "mychannel",
            ["Fabric:Networks:load:Chaincode"] = "basic",
            ["Fabric:Identities:load:MspId"] = user.MspId,
            ["Fabric:Identities:load:MspFolder"] = user.MspDirectory,
            ["Fabric:EndorseTimeout"] = "00:01:00",
            ["Fabric:SubmitTimeout"] = "00:00:30",
            ["Fabric:CommitStatusTimeout"] = "00:02:00",
            ["Security:Schemes:0"] = "ApiKey",
            ["Security:Principals:load:ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_apiKey))),
            ["Security:Principals:load:Identities:0"] = "load",
            ["Journal:ConnectionString"] = $"Data Source={Path.Combine(_directory, "journal.db")}",
            ["Limits:PermitsPerWindow"] = "1000000",
        };
        if (postgresJournal is not null)
        {
            settings["Journal:Provider"] = "PostgreSql";
            settings["Journal:ConnectionString"] = postgresJournal;
        }

        foreach (var organization in network.Organizations.Values)
        {
            var prefix = $"Fabric:Organizations:{organization.MspId}:Peers:0";
            settings[$"{prefix}:Endpoint"] = organization.PeerAddress.ToString().TrimEnd('/');
            settings[$"{prefix}:TlsCaFile"] = organization.TlsCaCertificatePath;
            settings[$"{prefix}:ServerNameOverride"] = organization.ServerName;
        }

        // WebApplicationFactory finds the gateway's content root from this setting (the tool is not a test project
        // next to it, so its own lookup fails); the tool is its own process, so setting it here affects nothing else.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_FABRIC_GATEWAY_API", RepositoryLayout.PathOf("gateway", "Fabric.Gateway.Api"));
        _factory = new WebApplicationFactory<GatewayApi::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            web.ConfigureLogging(logging => logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning));
            web.ConfigureTestServices(services => services.AddSingleton<IApiEndpoints, LoadEndpoints>());
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>A client over real HTTP (Kestrel on loopback), authenticated, allowed <paramref name="connections"/> connections.</summary>
    public HttpClient CreateClient(int connections)
    {
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var http = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(3) };
        http.DefaultRequestHeaders.Add("X-Api-Key", _apiKey);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Still held open; the system cleans its temporary folder.
        }
    }

    private sealed class LoadEndpoints : IApiEndpoints
    {
        public void Map(RouteGroupBuilder api) =>
            api.MapPost("/load/{key}", async (string key, string value, IChaincodeInvoker invoker, CancellationToken cancellationToken) =>
            {
                var outcome = await invoker.SubmitAsync(new ChaincodeCall("load", "create", [key, value]), cancellationToken);
                return TypedResults.Ok(string.Create(CultureInfo.InvariantCulture, $"{outcome.TransactionId} {outcome.BlockNumber}"));
            });
    }
}
