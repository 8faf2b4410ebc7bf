using System.Security.Cryptography;
using System.Text;
using Fabric.Network.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.RestGateway;

/// <summary>
/// The real REST gateway (its Program) in a test server, configured against a network under test exactly as an
/// operator would configure it: each organization's peer with its TLS CA and server name, Fabric identities from MSP
/// folders, principals with hashed API keys, a SQLite journal.
/// </summary>
internal sealed class RestGatewayHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _directory;

    private RestGatewayHost(WebApplicationFactory<Program> factory, string directory)
    {
        _factory = factory;
        _directory = directory;
    }

    /// <param name="principals">Principal name -> (API key, the test users it may act as).</param>
    public static RestGatewayHost Start(
        FabricTestNetwork network, IReadOnlyDictionary<string, (string Channel, string Chaincode)> businessNetworks,
        IReadOnlyDictionary<string, (string ApiKey, TestUser[] Users)> principals,
        IReadOnlyDictionary<string, string[]>? endorsement = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "fabric-rest-e2e", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Journal:Provider"] = "Sqlite",
            ["Journal:ConnectionString"] = $"Data Source={Path.Combine(directory, "journal.db")};Pooling=False",
            ["Security:Jwt:Issuer"] = "https://issuer.test",
            ["Security:Jwt:Audience"] = "fabric-gateway-api",
            ["Security:Jwt:SigningKey"] = "integration-test-signing-key-of-32-bytes!",
            ["Limits:PermitsPerWindow"] = "1000",
            // A two-core CI machine runs several networks at once: generous deadlines, as for the direct client.
            ["Fabric:EvaluateTimeout"] = "00:00:30",
            ["Fabric:EndorseTimeout"] = "00:01:00",
            ["Fabric:SubmitTimeout"] = "00:00:30",
            ["Fabric:CommitStatusTimeout"] = "00:02:00",
        };
        foreach (var (name, (channel, chaincode)) in businessNetworks)
        {
            settings[$"Fabric:Networks:{name}:Channel"] = channel;
            settings[$"Fabric:Networks:{name}:Chaincode"] = chaincode;
        }

        foreach (var (transaction, mspIds) in endorsement ?? new Dictionary<string, string[]>())
        {
            var (name, transactionName) = (transaction[..transaction.IndexOf('/', StringComparison.Ordinal)], transaction[(transaction.IndexOf('/', StringComparison.Ordinal) + 1)..]);
            for (var i = 0; i < mspIds.Length; i++)
            {
                settings[$"Fabric:Networks:{name}:EndorsingOrganizations:{transactionName}:{i}"] = mspIds[i];
            }
        }

        foreach (var organization in network.Organizations.Values)
        {
            settings[$"Fabric:Organizations:{organization.MspId}:Peers:0:Endpoint"] = organization.PeerAddress.ToString().TrimEnd('/');
            settings[$"Fabric:Organizations:{organization.MspId}:Peers:0:TlsCaFile"] = organization.TlsCaCertificatePath;
            settings[$"Fabric:Organizations:{organization.MspId}:Peers:0:ServerNameOverride"] = organization.ServerName;
        }

        foreach (var (principal, (apiKey, users)) in principals)
        {
            settings[$"Security:Principals:{principal}:ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
            for (var i = 0; i < users.Length; i++)
            {
                settings[$"Security:Principals:{principal}:Identities:{i}"] = users[i].Name;
                settings[$"Fabric:Identities:{users[i].Name}:MspId"] = users[i].MspId;
                settings[$"Fabric:Identities:{users[i].Name}:MspFolder"] = users[i].MspDirectory;
            }
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        });
        return new RestGatewayHost(factory, directory);
    }

    /// <summary>A client that authenticates with <paramref name="apiKey"/> and acts as <paramref name="user"/>.</summary>
    public HttpClient ClientFor(string apiKey, TestUser user)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        client.DefaultRequestHeaders.Add("X-Fabric-Identity", user.Name);
        client.Timeout = TimeSpan.FromMinutes(3);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Under the temporary folder; cleaned by the system.
        }
    }
}
