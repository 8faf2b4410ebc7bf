using System.Net.Http.Json;
using FluentAssertions;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.Network.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Integration.Tests.RestGateway;

/// <summary>
/// The real REST gateway (its Program) hosted in-process and configured from a <see cref="FabricTestNetwork"/>: one
/// business network, the peers of every organization with their TLS CA and server name, and one principal per
/// enrolled user, each allowed to act only as that user. The journal is a SQLite file in a temporary folder.
/// </summary>
internal sealed class RestGatewayHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _directory;
    private readonly Dictionary<string, string> _apiKeys = new(StringComparer.Ordinal);

    private RestGatewayHost(FabricTestNetwork network, string businessNetwork, string channel, string chaincode, IReadOnlyDictionary<string, TestUser> users)
    {
        _directory = Path.Combine(Path.GetTempPath(), "rest-gateway-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var settings = Settings(network, businessNetwork, channel, chaincode, users, Path.Combine(_directory, "journal.db"), _apiKeys);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            web.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
        });
    }

    /// <summary>
    /// The gateway's configuration for <paramref name="network"/>: one business network, the peers of every organization
    /// with their TLS CA and server name, one principal per user (a fresh API key, added to <paramref name="apiKeys"/>)
    /// allowed to act only as that user, and a SQLite journal at <paramref name="journalFile"/>.
    /// </summary>
    public static Dictionary<string, string?> Settings(
        FabricTestNetwork network, string businessNetwork, string channel, string chaincode, IReadOnlyDictionary<string, TestUser> users,
        string journalFile, IDictionary<string, string> apiKeys)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"Fabric:Networks:{businessNetwork}:Channel"] = channel,
            [$"Fabric:Networks:{businessNetwork}:Chaincode"] = chaincode,
            // A CI machine with two cores runs several networks at once (see FabricTestNetwork.TestTimeouts).
            ["Fabric:EvaluateTimeout"] = "00:00:30",
            ["Fabric:EndorseTimeout"] = "00:01:00",
            ["Fabric:SubmitTimeout"] = "00:00:30",
            ["Fabric:CommitStatusTimeout"] = "00:02:00",
            ["Journal:ConnectionString"] = $"Data Source={journalFile};Pooling=False",
            ["Limits:PermitsPerWindow"] = "1000",
            ["Security:Schemes:0"] = "ApiKey",
        };
        foreach (var organization in network.Organizations.Values)
        {
            var prefix = $"Fabric:Organizations:{organization.MspId}:Peers:0";
            settings[$"{prefix}:Endpoint"] = organization.PeerAddress.ToString().TrimEnd('/');
            settings[$"{prefix}:TlsCaFile"] = organization.TlsCaCertificatePath;
            settings[$"{prefix}:ServerNameOverride"] = organization.ServerName;
        }

        foreach (var (name, user) in users)
        {
            var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            apiKeys[name] = apiKey;
            settings[$"Fabric:Identities:{name}:MspId"] = user.MspId;
            settings[$"Fabric:Identities:{name}:MspFolder"] = user.MspDirectory;
            settings[$"Security:Principals:{name}:ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
            settings[$"Security:Principals:{name}:Identities:0"] = name;
        }

        return settings;
    }

    public static RestGatewayHost Start(
        FabricTestNetwork network, string businessNetwork, string channel, string chaincode, IReadOnlyDictionary<string, TestUser> users) =>
        new(network, businessNetwork, channel, chaincode, users);

    /// <summary>The gateway's services (its endpoint catalog, for checks that every endpoint was exercised).</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>A client authenticated as the principal of <paramref name="user"/> (the name given at start).</summary>
    public HttpClient ClientOf(string user)
    {
        var client = _factory.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(3);
        client.DefaultRequestHeaders.Add("X-Api-Key", _apiKeys[user]);
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
            // A file still held open; the temporary folder is cleaned by the system.
        }
    }
}

/// <summary>Small HTTP helpers of the REST scenarios.</summary>
internal static class RestCalls
{
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string path, object? body, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString("N"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Submits a network's one-time configuration: 201, or 409 when it is configured already (a real network keeps
    /// its ledger; on the shared dev network whichever test runs first configures it).
    /// </summary>
    public static async Task EnsureConfiguredAsync(this HttpClient client, string path, object body, CancellationToken cancellationToken = default)
    {
        using var configured = await client.SubmitAsync(path, body, cancellationToken: cancellationToken);
        if (configured.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            await configured.JsonAsync(201, cancellationToken);
        }
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, int expectedStatus, CancellationToken cancellationToken = default)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        ((int)response.StatusCode).Should().Be(expectedStatus, "the response was {0}", text);
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, int expectedStatus = 200, CancellationToken cancellationToken = default)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await response.JsonAsync(expectedStatus, cancellationToken);
    }
}
