using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabric.Gateway.Api;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.TestDoubles;
using Fabric.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.Gateway.Api.Tests.Support;

/// <summary>
/// The whole REST gateway (the real Program) in a test server, configured against a scripted Fabric peer that
/// serves gateway.Gateway and Deliver over TLS on a free loopback port and verifies every signature. Identities are
/// real MSP folders (signcerts + keystore) in a temporary directory; the journal is a SQLite file there, which a
/// second host can open to play "the gateway restarted".
/// </summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    public const string AliceKey = "alice-secret-key";
    public const string BobKey = "bob-secret-key";
    public const string JwtIssuer = "https://issuer.test";
    public const string JwtAudience = "fabric-gateway-api";
    public const string JwtSigningKey = "test-signing-key-of-at-least-32-bytes!";

    private readonly List<WebApplicationFactory<Program>> _factories = [];

    private ApiTestHost(string directory, ScriptedFabricPeer peer, string tlsCaFile)
    {
        Directory = directory;
        Peer = peer;
        TlsCaFile = tlsCaFile;
    }

    public string Directory { get; }

    public ScriptedFabricPeer Peer { get; }

    public ScriptedPeerState State => Peer.State;

    public string TlsCaFile { get; }

    public string JournalFile => Path.Combine(Directory, "journal.db");

    /// <summary>Extra configuration for the next <see cref="CreateClient()"/> (e.g. limits); keys as in appsettings.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Peers of Org1MSP in order; by default just the scripted peer.</summary>
    public List<string> Org1Endpoints { get; } = [];

    /// <summary>Replaces services in the next host (e.g. a fake invoker).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Host the next gateway on Kestrel (a loopback port chosen by the system) instead of the in-memory test server.</summary>
    public bool UseKestrel { get; set; }

    /// <summary>Set by tests that send invalid requests to the peer on purpose.</summary>
    public bool ExpectViolations { get; set; }

    public WebApplicationFactory<Program> Factory => _factories[^1];

    /// <summary>Every log message of every host, at every level.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public static async Task<ApiTestHost> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "fabric-api-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var (ca, server) = TestCertificates.CreateTlsServer("peer0.org1.example.com");
        var tlsCaFile = Path.Combine(directory, "tls-ca.crt");
        await File.WriteAllTextAsync(tlsCaFile, ca.ExportCertificatePem());
        WriteMspFolder(Path.Combine(directory, "users", "user1", "msp"), TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256, "User1"));
        WriteMspFolder(Path.Combine(directory, "users", "admin", "msp"), TestCertificates.CreateIdentity("Org1MSP", ECCurve.NamedCurves.nistP256, "Admin"));
        var peer = await ScriptedFabricPeer.StartAsync(new ScriptedPeerTls(server));
        ca.Dispose();
        var host = new ApiTestHost(directory, peer, tlsCaFile);
        host.Org1Endpoints.Add(peer.Address.ToString().TrimEnd('/'));
        return host;
    }

    /// <summary>Starts a gateway host (another one after each call: same journal file) and returns a client with no credentials.</summary>
    public HttpClient CreateClient()
    {
        var settings = BaseSettings();
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        var configureServices = ConfigureServices;
        var logs = Logs;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            web.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<IApiEndpoints, TestEndpoints>();
                configureServices?.Invoke(services);
            });
        });
        if (UseKestrel)
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }

        _factories.Add(factory);
        return factory.CreateClient();
    }

    /// <summary>A client authenticated with an API key, optionally acting as a named identity.</summary>
    public HttpClient CreateClient(string apiKey, string? identity = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        if (identity is not null)
        {
            client.DefaultRequestHeaders.Add("X-Fabric-Identity", identity);
        }

        return client;
    }

    /// <summary>Another client of the current host (same process, same rate limiter), with an API key.</summary>
    public HttpClient CreateClientOfCurrentHost(string apiKey, string? identity = null)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        if (identity is not null)
        {
            client.DefaultRequestHeaders.Add("X-Fabric-Identity", identity);
        }

        return client;
    }

    /// <summary>Stops the current host as a crash would leave things: the journal file stays, nothing is finished.</summary>
    public async Task StopCurrentHostAsync() => await Factory.DisposeAsync();

    /// <summary>An https address on which nothing listens (a peer that is down).</summary>
    public static string DeadEndpoint()
    {
        return $"https://localhost:{FreeTcpPort.Next()}";
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        if (!ExpectViolations)
        {
            State.Violations.Should().BeEmpty("every request the gateway sent must be one a Fabric peer accepts");
        }

        await Peer.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is cleaned by the system.
        }
    }

    private Dictionary<string, string?> BaseSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Fabric:Networks:trade:Channel"] = "trade",
            ["Fabric:Networks:trade:Chaincode"] = "trade-finance",
            ["Fabric:Identities:org1-user:MspId"] = "Org1MSP",
            ["Fabric:Identities:org1-user:MspFolder"] = Path.Combine(Directory, "users", "user1", "msp"),
            ["Fabric:Identities:org1-admin:MspId"] = "Org1MSP",
            ["Fabric:Identities:org1-admin:MspFolder"] = Path.Combine(Directory, "users", "admin", "msp"),
            ["Fabric:UnavailableRetryAttempts"] = "0",
            ["Fabric:RecoveryProbeTimeout"] = "00:00:01",
            ["Fabric:CommitStatusTimeout"] = "00:00:10",
            ["Security:Jwt:Issuer"] = JwtIssuer,
            ["Security:Jwt:Audience"] = JwtAudience,
            ["Security:Jwt:SigningKey"] = JwtSigningKey,
            ["Security:Principals:alice:ApiKeySha256"] = Sha256Hex(AliceKey),
            ["Security:Principals:alice:JwtSubject"] = "alice-subject",
            ["Security:Principals:alice:Identities:0"] = "org1-user",
            ["Security:Principals:bob:ApiKeySha256"] = Sha256Hex(BobKey),
            ["Security:Principals:bob:Identities:0"] = "org1-user",
            ["Security:Principals:bob:Identities:1"] = "org1-admin",
            ["Journal:ConnectionString"] = $"Data Source={JournalFile};Pooling=False",
            ["Limits:PermitsPerWindow"] = "1000",
        };
        for (var i = 0; i < Org1Endpoints.Count; i++)
        {
            settings[$"Fabric:Organizations:Org1MSP:Peers:{i}:Endpoint"] = Org1Endpoints[i];
            settings[$"Fabric:Organizations:Org1MSP:Peers:{i}:TlsCaFile"] = TlsCaFile;
            settings[$"Fabric:Organizations:Org1MSP:Peers:{i}:ServerNameOverride"] = "peer0.org1.example.com";
        }

        return settings;
    }

    private static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static void WriteMspFolder(string msp, TestIdentity identity)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        System.IO.Directory.CreateDirectory(Path.Combine(msp, "keystore"));
        File.WriteAllText(Path.Combine(msp, "signcerts", "cert.pem"), identity.CertificatePem);
        File.WriteAllText(Path.Combine(msp, "keystore", "priv_sk"), identity.PrivateKeyPem);
    }
}
