using Fabric.Admin.Lifecycle;

namespace Fabric.Admin.Cli;

/// <summary>The peer (and orderer) connections of one command; disposing closes them all.</summary>
internal sealed class Connections : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    public List<PeerClient> Peers { get; } = [];

    public OrdererClient? Orderer { get; private set; }

    public static Connections Open(IReadOnlyList<Endpoint> peers, Endpoint? orderer = null)
    {
        var connections = new Connections();
        try
        {
            foreach (var endpoint in peers)
            {
                var peer = new PeerClient(endpoint);
                connections._opened.Add(peer);
                connections.Peers.Add(peer);
            }

            if (orderer is not null)
            {
                connections.Orderer = new OrdererClient(orderer);
                connections._opened.Add(connections.Orderer);
            }

            return connections;
        }
        catch
        {
            connections.Dispose();
            throw;
        }
    }

    public PeerClient SinglePeer(string command) =>
        Peers.Count == 1 ? Peers[0] : throw new AdminException(AdminErrorKind.InvalidInput, $"{command} talks to one peer; {Peers.Count} --peer were given");

    public void Dispose()
    {
        foreach (var connection in _opened)
        {
            connection.Dispose();
        }
    }
}
