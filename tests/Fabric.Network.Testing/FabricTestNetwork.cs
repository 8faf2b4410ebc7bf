using System.Collections.Concurrent;
using Fabric.Gateway.Client;
using Fabric.Gateway.Client.Identity;
using Grpc.Net.Client;

namespace Fabric.Network.Testing;

/// <summary>A peer organization of the network under test, as a client needs it.</summary>
/// <param name="OrganizationDirectory">The organization's folder in cryptogen's layout (ca/, tlsca/, users/...).</param>
public sealed record OrganizationEndpoint(
    string MspId, Uri PeerAddress, string ServerName, string TlsCaCertificatePath, string OrganizationDirectory);

/// <summary>A client identity enrolled for a test, with the MSP folder it lives in.</summary>
public sealed record TestUser(string Name, string MspId, string MspDirectory, MspCredentials Credentials);

/// <summary>
/// The Fabric network end-to-end tests run against: the embedded dev network (<see cref="DevNetworkProcess"/>) or a
/// real Fabric test-network (<see cref="RealTestNetwork"/>). Tests use only this surface, so one suite serves both.
/// </summary>
public abstract class FabricTestNetwork : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    /// <summary>What the tests run against, for test output.</summary>
    public abstract string Description { get; }

    /// <summary>True for the embedded dev network: its data directory can be inspected and it can be killed and restarted.</summary>
    public abstract bool IsEmbedded { get; }

    public abstract IReadOnlyDictionary<string, OrganizationEndpoint> Organizations { get; }

    /// <summary>
    /// Adds a client identity to an organization with Fabric CA-style attributes (certificate signed by the
    /// organization's CA, as <c>fabric-ca-client enroll</c> would produce). Names must be unique per network.
    /// </summary>
    public abstract Task<TestUser> EnrollAsync(
        string mspId, string userName, IReadOnlyDictionary<string, string>? attributes = null, bool admin = false,
        CancellationToken cancellationToken = default);

    /// <summary>The organization's admin identity (cryptogen's Admin@domain).</summary>
    public async Task<TestUser> AdminAsync(string mspId, CancellationToken cancellationToken = default)
    {
        var organization = Organization(mspId);
        var domain = Path.GetFileName(organization.OrganizationDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var mspDirectory = Path.Combine(organization.OrganizationDirectory, "users", $"Admin@{domain}", "msp");
        return new TestUser($"Admin@{domain}", mspId, mspDirectory, await MspFolder.LoadAsync(mspDirectory, mspId, cancellationToken));
    }

    /// <summary>
    /// Client timeouts for tests: a CI machine with two cores runs several networks and test assemblies at once, so the
    /// client's production defaults (evaluate 5 s) would turn a slow machine into a failed test.
    /// </summary>
    public static GatewayOptions TestTimeouts() => new()
    {
        EvaluateTimeout = TimeSpan.FromSeconds(30),
        EndorseTimeout = TimeSpan.FromSeconds(60),
        SubmitTimeout = TimeSpan.FromSeconds(30),
        CommitStatusTimeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>
    /// A gateway for <paramref name="user"/> through the peer of <paramref name="peerMspId"/> (default: the user's own
    /// organization), with <see cref="TestTimeouts"/> unless <paramref name="options"/> are given.
    /// </summary>
    public Fabric.Gateway.Client.Gateway Connect(TestUser user, string? peerMspId = null, GatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var channel = _channels.GetOrAdd(peerMspId ?? user.MspId, mspId =>
        {
            var organization = Organization(mspId);
            return FabricChannels.Create(organization.PeerAddress, new FabricChannelOptions
            {
                TlsRootCertificatePath = organization.TlsCaCertificatePath,
                ServerNameOverride = organization.ServerName,
            });
        });
        return Fabric.Gateway.Client.Gateway.Connect(channel, user.Credentials.Identity, user.Credentials.Signer, options ?? TestTimeouts());
    }

    public OrganizationEndpoint Organization(string mspId) =>
        Organizations.TryGetValue(mspId, out var organization)
            ? organization
            : throw new ArgumentException($"{mspId} is not an organization of {Description}.", nameof(mspId));

    public async ValueTask DisposeAsync()
    {
        DropConnections();
        await DisposeCoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the cached gRPC channels (e.g. before the network restarts).</summary>
    protected void DropConnections()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
    }

    protected abstract ValueTask DisposeCoreAsync();
}
