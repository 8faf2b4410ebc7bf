using Fabric.Policies;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Crypto;
using Fabric.DevNetwork.Msp;
using Fabric.DevNetwork.Orderer;
using Fabric.DevNetwork.Peer;
using Fabric.DevNetwork.Policies;
using Fabric.DevNetwork.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting;

/// <summary>
/// The whole dev network in this process: crypto material, the orderer and one peer per organization, each serving
/// Fabric's gRPC services on its own loopback port with TLS, committers pulling blocks from the orderer, and the
/// chaincode processes the network file launches. Data lives under <see cref="DevNetworkOptions.DataDirectory"/>:
/// <c>organizations/</c> (cryptogen layout), <c>orderer/&lt;channel&gt;/</c>, <c>peers/&lt;peer&gt;/&lt;channel&gt;/</c>,
/// <c>chaincode/&lt;channel&gt;/&lt;name&gt;/&lt;MSPID&gt;/connection.json</c>.
/// </summary>
internal sealed class DevNetworkHost : IAsyncDisposable
{
    private readonly List<WebApplication> _servers = [];
    private readonly List<Task> _committers = [];
    private readonly List<IDisposable> _disposables = [];
    private readonly CancellationTokenSource _stopping = new();
    private ProcessLauncher? _launcher;

    private DevNetworkHost(NetworkDefinition network, DevNetworkOptions options)
    {
        Network = network;
        Options = options;
    }

    public NetworkDefinition Network { get; }

    public DevNetworkOptions Options { get; }

    public OrderingService Orderer { get; private set; } = null!;

    public IReadOnlyList<PeerNode> Peers { get; private set; } = [];

    public IReadOnlyDictionary<string, OrganizationCrypto> Organizations { get; private set; } = new Dictionary<string, OrganizationCrypto>();

    public OrganizationCrypto OrdererOrganization { get; private set; } = null!;

    public string OrganizationsDirectory => Path.Combine(Options.DataDirectory, "organizations");

    public static async Task<DevNetworkHost> StartAsync(NetworkDefinition network, DevNetworkOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var host = new DevNetworkHost(network, options);
        try
        {
            await host.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var time = Options.TimeProvider;
        var logger = Options.LoggerFactory.CreateLogger("Fabric.DevNetwork");
        var crypto = new CryptoMaterialStore(OrganizationsDirectory, time);
        OrdererOrganization = crypto.EnsureOrdererOrganization(Network.Orderer.MspId, Network.Orderer.Domain, Network.Orderer.Hostname);
        _disposables.Add(OrdererOrganization);
        var organizations = new Dictionary<string, OrganizationCrypto>(StringComparer.Ordinal);
        foreach (var organization in Network.Organizations)
        {
            var material = crypto.EnsurePeerOrganization(organization.MspId, organization.Domain);
            organizations[organization.MspId] = material;
            _disposables.Add(material);
        }

        Organizations = organizations;
        EnrollConfiguredUsers(organizations);
        var allMsps = new MspRegistry(organizations.Values.Append(OrdererOrganization)
            .Select(o => new MembershipServiceProvider(o.MspId, o.CaCertificate, time)));

        var ordererChannels = Network.Channels.Select(channel => new OrdererChannel(
            channel.Name, Network.Orderer, allMsps.Restrict(channel.Organizations.Append(Network.Orderer.MspId)),
            OrdererOrganization.NodeIdentity, new BlockStore(Path.Combine(Options.DataDirectory, "orderer", channel.Name)),
            () => ChannelGenesis.Create(channel.Name, channel.Organizations.Select(m => organizations[m]).ToList(), OrdererOrganization, Network.Orderer, time),
            time)).ToList();
        Orderer = new OrderingService(ordererChannels, $"localhost:{Network.Orderer.Port}");

        var peers = new List<PeerNode>();
        foreach (var organization in Network.Organizations)
        {
            peers.Add(CreatePeer(organization, organizations[organization.MspId], allMsps));
        }

        Peers = peers;
        var peerNetwork = new PeerNetwork(peers, Orderer);
        foreach (var peer in peers)
        {
            peer.Network = peerNetwork;
            foreach (var channel in peer.Channels.Values)
            {
                var committer = new Committer(peer.MspId, channel, Orderer.Find(channel.ChannelId)!.Store);
                committer.Replay();
                DevNetworkLog.Replayed(logger, peer.MspId, channel.Store.Height, channel.ChannelId);
                _committers.Add(RunCommitterAsync(committer, peer, channel, logger));
            }
        }

        _servers.Add(await NodeServer.StartAsync(Network.Orderer.Port, OrdererOrganization.TlsServerCertificate, Options.LoggerFactory,
            services => services.AddSingleton(Orderer),
            app => app.MapGrpcService<AtomicBroadcastService>(), cancellationToken).ConfigureAwait(false));
        if (logger.IsEnabled(LogLevel.Information))
        {
            var channelNames = string.Join(", ", Network.Channels.Select(c => c.Name));
            DevNetworkLog.OrdererStarted(logger, Orderer.Address, channelNames);
        }

        foreach (var peer in peers)
        {
            var port = Network.Organizations.First(o => o.MspId == peer.MspId).PeerPort;
            _servers.Add(await NodeServer.StartAsync(port, organizations[peer.MspId].TlsServerCertificate, Options.LoggerFactory,
                services => services.AddSingleton(peer).AddSingleton(peerNetwork),
                app =>
                {
                    app.MapGrpcService<GatewayService>();
                    app.MapGrpcService<EndorserService>();
                    app.MapGrpcService<PeerDeliverService>();
                }, cancellationToken).ConfigureAwait(false));
            if (logger.IsEnabled(LogLevel.Information))
            {
                var channelNames = string.Join(", ", peer.Channels.Keys);
                DevNetworkLog.PeerStarted(logger, peer.MspId, peer.Address, channelNames);
            }
        }

        _launcher = new ProcessLauncher(logger, Options.DataDirectory);
        await LaunchChaincodesAsync(_launcher, cancellationToken).ConfigureAwait(false);
        foreach (var application in Network.Applications)
        {
            await _launcher.BuildAsync(Network.BaseDirectory, application.Name, application.Launch, cancellationToken).ConfigureAwait(false);
            _launcher.LaunchApplication(Network.BaseDirectory, application);
        }
    }

    private void EnrollConfiguredUsers(Dictionary<string, OrganizationCrypto> organizations)
    {
        foreach (var user in Network.Users)
        {
            var domain = organizations[user.Organization].Domain;
            if (!Directory.Exists(UserEnroller.UserDirectory(OrganizationsDirectory, domain, user.Name)))
            {
                UserEnroller.Enroll(OrganizationsDirectory, domain, user.Name, user.Attributes, user.Admin, Options.TimeProvider);
            }
        }
    }

    private PeerNode CreatePeer(OrganizationDefinition organization, OrganizationCrypto material, MspRegistry allMsps)
    {
        var channels = new List<PeerChannel>();
        var endpoints = new Dictionary<string, IReadOnlyDictionary<string, ChaincodeEndpoint>>(StringComparer.Ordinal);
        var definitions = new Dictionary<string, IReadOnlyDictionary<string, DeployedChaincode>>(StringComparer.Ordinal);
        var peerDirectory = Path.Combine(Options.DataDirectory, "peers", material.NodeName);
        foreach (var channel in Network.Channels.Where(c => c.Organizations.Contains(organization.MspId)))
        {
            var deployed = new Dictionary<string, DeployedChaincode>(StringComparer.Ordinal);
            var channelEndpoints = new Dictionary<string, ChaincodeEndpoint>(StringComparer.Ordinal);
            foreach (var chaincode in channel.Chaincodes.Where(c => c.Enabled))
            {
                deployed[chaincode.Name] = Deploy(channel, chaincode);
                var endpoint = NetworkFileLoader.EndpointFor(chaincode, organization.MspId)!;
                channelEndpoints[chaincode.Name] = ToRuntimeEndpoint(channel, chaincode, organization.MspId, endpoint);
            }

            endpoints[channel.Name] = channelEndpoints;
            definitions[channel.Name] = deployed;
            var channelDirectory = Path.Combine(peerDirectory, channel.Name);
            var state = Options.Components.CreateWorldState(new WorldStateContext(
                organization.MspId, channel.Name, Path.Combine(channelDirectory, "state"), Options.LoggerFactory, Options.TimeProvider, deployed));
            channels.Add(new PeerChannel(channel.Name, channel.Organizations, allMsps.Restrict(channel.Organizations.Append(Network.Orderer.MspId)),
                deployed, state, new BlockStore(channelDirectory), Options.TimeProvider));
        }

        var runtime = Options.Components.CreateChaincodeRuntime(new ChaincodeRuntimeContext(
            organization.MspId, endpoints, Options.LoggerFactory, Options.TimeProvider, definitions));
        return new PeerNode(organization.MspId, $"localhost:{organization.PeerPort}", material.NodeIdentity, runtime, channels);
    }

    private DeployedChaincode Deploy(ChannelDefinition channel, ChaincodeDefinition chaincode)
    {
        var policy = string.IsNullOrWhiteSpace(chaincode.EndorsementPolicy)
            ? SignaturePolicyParser.Majority(channel.Organizations)
            : SignaturePolicyParser.Parse(chaincode.EndorsementPolicy);
        var collectionsJson = chaincode.CollectionsConfig is { } path ? File.ReadAllText(NetworkFileLoader.ResolvePath(Network, path)) : null;
        return new DeployedChaincode(chaincode.Name, chaincode.Version, chaincode.Sequence, policy,
            CollectionsConfigParser.Parse(collectionsJson, channel.Organizations), chaincode.InitRequired);
    }

    /// <summary>Writes the organization's connection.json (as in a chaincode-as-a-service package) and returns the runtime's view of it.</summary>
    private ChaincodeEndpoint ToRuntimeEndpoint(ChannelDefinition channel, ChaincodeDefinition chaincode, string mspId, ChaincodeEndpointDefinition endpoint)
    {
        string? Read(string? path) => path is null ? null : File.ReadAllText(NetworkFileLoader.ResolvePath(Network, path));
        var rootCert = endpoint.TlsRequired ? Read(endpoint.RootCertPath) : null;
        var connection = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["address"] = endpoint.Address,
            ["dial_timeout"] = $"{endpoint.DialTimeoutSeconds}s",
            ["tls_required"] = endpoint.TlsRequired,
            ["root_cert"] = rootCert,
        }, ConnectionJsonOptions);
        var directory = Path.Combine(Options.DataDirectory, "chaincode", channel.Name, chaincode.Name, mspId);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "connection.json"), connection);
        var packageId = PackageIdOf(chaincode, endpoint, connection);
        return new ChaincodeEndpoint(chaincode.Name, packageId, endpoint.Address, rootCert,
            endpoint.TlsRequired ? Read(endpoint.ClientCertPath) : null, endpoint.TlsRequired ? Read(endpoint.ClientKeyPath) : null,
            TimeSpan.FromSeconds(endpoint.DialTimeoutSeconds));
    }

    private static readonly JsonSerializerOptions ConnectionJsonOptions = new() { WriteIndented = true };

    /// <summary>The configured package ID, or label:SHA-256 of the connection.json (a real package ID hashes the whole package).</summary>
    internal static string PackageIdOf(ChaincodeDefinition chaincode, ChaincodeEndpointDefinition endpoint, string connectionJson) =>
        endpoint.PackageId is { Length: > 0 } configured
            ? configured
            : $"{chaincode.Name}_{chaincode.Version}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(connectionJson)))}";

    private async Task LaunchChaincodesAsync(ProcessLauncher launcher, CancellationToken cancellationToken)
    {
        var launched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in Network.Channels)
        {
            foreach (var chaincode in channel.Chaincodes.Where(c => c.Enabled))
            {
                foreach (var mspId in channel.Organizations)
                {
                    var endpoint = NetworkFileLoader.EndpointFor(chaincode, mspId)!;
                    if (endpoint.Launch is null || !launched.Add(endpoint.Address))
                    {
                        continue;
                    }

                    await launcher.BuildAsync(Network.BaseDirectory, $"chaincode {chaincode.Name}", endpoint.Launch, cancellationToken).ConfigureAwait(false);
                    var connection = File.ReadAllText(Path.Combine(Options.DataDirectory, "chaincode", channel.Name, chaincode.Name, mspId, "connection.json"));
                    launcher.LaunchChaincode(Network.BaseDirectory, chaincode.Name, mspId, PackageIdOf(chaincode, endpoint, connection), endpoint);
                }
            }
        }
    }

    private async Task RunCommitterAsync(Committer committer, PeerNode peer, PeerChannel channel, ILogger logger)
    {
        await Task.Yield();
        try
        {
            await committer.RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            DevNetworkLog.CommitterFailed(logger, e, peer.MspId, channel.ChannelId);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var server in _servers)
        {
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_committers).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Already logged by the committer.
        }

        _launcher?.Dispose();
        foreach (var peer in Peers)
        {
            await peer.DisposeAsync().ConfigureAwait(false);
        }

        Orderer?.Dispose();
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        _stopping.Dispose();
    }
}
