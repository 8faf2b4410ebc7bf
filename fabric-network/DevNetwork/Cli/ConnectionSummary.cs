using System.Text;
using Fabric.DevNetwork.Hosting;

namespace Fabric.DevNetwork.Cli;

/// <summary>What a client needs to connect, printed by <c>up</c>: endpoints, TLS roots, user MSP folders.</summary>
internal static class ConnectionSummary
{
    public static string Describe(DevNetworkHost host)
    {
        var text = new StringBuilder();
        text.AppendLine("Dev network is up.");
        text.Append("  orderer  ").Append(host.Orderer.Address).Append("  TLS CA ").AppendLine(host.OrdererOrganization.TlsCaCertificatePath);
        foreach (var peer in host.Peers)
        {
            var organization = host.Organizations[peer.MspId];
            text.AppendLine()
                .Append("  ").Append(organization.NodeName).Append(" (").Append(peer.MspId).Append(")  ").AppendLine(peer.Address)
                .Append("    TLS CA:    ").AppendLine(organization.TlsCaCertificatePath)
                .Append("    users:     ").AppendLine(organization.UsersDirectory)
                .Append("    User1 MSP: ").AppendLine(Path.Combine(organization.UsersDirectory, $"User1@{organization.Domain}", "msp"))
                .Append("    channels:  ").AppendLine(string.Join(", ", peer.Channels.Values.Select(c =>
                    c.Chaincodes.Count == 0 ? c.ChannelId : $"{c.ChannelId} [{string.Join(", ", c.Chaincodes.Keys)}]")));
        }

        text.AppendLine().Append("Press Ctrl+C to stop. Data: ").Append(host.Options.DataDirectory);
        return text.ToString();
    }
}
