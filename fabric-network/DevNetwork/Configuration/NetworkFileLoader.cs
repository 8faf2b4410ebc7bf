using Fabric.Policies;
using Fabric.DevNetwork.Policies;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Fabric.DevNetwork.Configuration;

/// <summary>Reads a network file (YAML, or JSON, which YAML parses too) and checks it before anything starts.</summary>
internal static class NetworkFileLoader
{
    public static NetworkDefinition Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new NetworkFileException($"Network file {fullPath} does not exist.");
        }

        var network = Parse(File.ReadAllText(fullPath), fullPath);
        network.BaseDirectory = Path.GetDirectoryName(fullPath)!;
        Validate(network);
        return network;
    }

    public static NetworkDefinition Parse(string text, string sourceName)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        try
        {
            return deserializer.Deserialize<NetworkDefinition?>(text) ?? new NetworkDefinition();
        }
        catch (YamlException e)
        {
            throw new NetworkFileException($"{sourceName}: {e.Message} {e.InnerException?.Message}".Trim(), e);
        }
    }

    /// <summary>Lists every problem at once, so a broken file is fixed in one go.</summary>
    public static void Validate(NetworkDefinition network)
    {
        var problems = new List<string>();
        if (network.Organizations.Count == 0)
        {
            problems.Add("no organizations are defined");
        }

        var ports = new Dictionary<int, string> { [network.Orderer.Port] = "orderer" };
        CheckPort(network.Orderer.Port, "orderer", problems);
        if (network.Orderer.MaxMessageCount < 1)
        {
            problems.Add("orderer.maxMessageCount must be at least 1");
        }

        if (network.Orderer.BatchTimeoutMilliseconds < 1)
        {
            problems.Add("orderer.batchTimeoutMilliseconds must be at least 1");
        }

        var mspIds = new HashSet<string>(StringComparer.Ordinal) { network.Orderer.MspId };
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var org in network.Organizations)
        {
            var label = $"organization {org.MspId}";
            if (string.IsNullOrWhiteSpace(org.MspId))
            {
                problems.Add("an organization has no mspId");
            }
            else if (!mspIds.Add(org.MspId))
            {
                problems.Add($"MSP ID {org.MspId} is used twice");
            }

            if (string.IsNullOrWhiteSpace(org.Domain) || org.Domain.Contains('/', StringComparison.Ordinal))
            {
                problems.Add($"{label} needs a domain such as org1.example.com");
            }
            else if (!domains.Add(org.Domain))
            {
                problems.Add($"domain {org.Domain} is used twice");
            }

            CheckPort(org.PeerPort, label, problems);
            if (!ports.TryAdd(org.PeerPort, label))
            {
                problems.Add($"{label} uses port {org.PeerPort}, already used by {ports[org.PeerPort]}");
            }
        }

        var channels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in network.Channels)
        {
            if (!IsValidChannelName(channel.Name))
            {
                problems.Add($"channel name '{channel.Name}' is invalid (lowercase letters, digits, '.', '-'; starting with a letter)");
            }
            else if (!channels.Add(channel.Name))
            {
                problems.Add($"channel {channel.Name} is defined twice");
            }

            if (channel.Organizations.Count == 0)
            {
                problems.Add($"channel {channel.Name} has no organizations");
            }

            foreach (var member in channel.Organizations.Where(m => !network.Organizations.Any(o => o.MspId == m)))
            {
                problems.Add($"channel {channel.Name} names unknown organization {member}");
            }

            ValidateChaincodes(network, channel, problems);
        }

        var userNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in network.Users)
        {
            if (string.IsNullOrWhiteSpace(user.Name) || user.Name.IndexOfAny(['/', '\\', '@']) >= 0 || user.Name.StartsWith('.'))
            {
                problems.Add($"user name '{user.Name}' is invalid");
            }
            else if (!userNames.Add($"{user.Organization}/{user.Name}"))
            {
                problems.Add($"user {user.Name} of {user.Organization} is defined twice");
            }

            if (!network.Organizations.Any(o => o.MspId == user.Organization))
            {
                problems.Add($"user {user.Name} names unknown organization '{user.Organization}'");
            }
        }

        var applications = new HashSet<string>(StringComparer.Ordinal);
        foreach (var application in network.Applications)
        {
            if (string.IsNullOrWhiteSpace(application.Name) || !applications.Add(application.Name))
            {
                problems.Add($"application name '{application.Name}' is empty or used twice");
            }

            if (string.IsNullOrWhiteSpace(application.Launch.Command))
            {
                problems.Add($"application {application.Name} has no launch command");
            }
        }

        if (problems.Count > 0)
        {
            throw new NetworkFileException("Invalid network file: " + string.Join("; ", problems) + ".");
        }
    }

    private static void ValidateChaincodes(NetworkDefinition network, ChannelDefinition channel, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chaincode in channel.Chaincodes)
        {
            var label = $"chaincode {chaincode.Name} on channel {channel.Name}";
            if (string.IsNullOrWhiteSpace(chaincode.Name) || chaincode.Name.StartsWith('_'))
            {
                problems.Add($"a chaincode on channel {channel.Name} has an invalid name '{chaincode.Name}'");
            }
            else if (!names.Add(chaincode.Name))
            {
                problems.Add($"{label} is defined twice");
            }

            if (chaincode.Sequence < 1)
            {
                problems.Add($"{label} needs sequence >= 1");
            }

            if (!string.IsNullOrWhiteSpace(chaincode.EndorsementPolicy))
            {
                try
                {
                    SignaturePolicyParser.Parse(chaincode.EndorsementPolicy);
                }
                catch (FormatException e)
                {
                    problems.Add($"{label}: {e.Message}");
                }
            }

            if (chaincode.CollectionsConfig is { } collections)
            {
                var collectionsPath = ResolvePath(network, collections);
                if (!File.Exists(collectionsPath))
                {
                    problems.Add($"{label}: collections config {collectionsPath} does not exist");
                }
            }

            if (!chaincode.Enabled)
            {
                continue;
            }

            foreach (var mspId in channel.Organizations)
            {
                var endpoint = EndpointFor(chaincode, mspId);
                if (endpoint is null || string.IsNullOrWhiteSpace(endpoint.Address))
                {
                    problems.Add($"{label} has no endpoint address for {mspId}");
                }
                else if (endpoint.TlsRequired && string.IsNullOrWhiteSpace(endpoint.RootCertPath))
                {
                    problems.Add($"{label}: the endpoint of {mspId} requires TLS but names no rootCertPath");
                }
            }

            foreach (var named in chaincode.Endpoints.Keys.Where(k => !channel.Organizations.Contains(k)))
            {
                problems.Add($"{label} has an endpoint for {named}, which is not a member of the channel");
            }
        }
    }

    public static ChaincodeEndpointDefinition? EndpointFor(ChaincodeDefinition chaincode, string mspId) =>
        chaincode.Endpoints.TryGetValue(mspId, out var specific) ? specific : chaincode.Endpoint;

    public static string ResolvePath(NetworkDefinition network, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(network.BaseDirectory, path));

    private static void CheckPort(int port, string label, List<string> problems)
    {
        if (port is < 1 or > 65535)
        {
            problems.Add($"{label} needs a port between 1 and 65535 (got {port})");
        }
    }

    /// <summary>Fabric's channel name rule: [a-z][a-z0-9.-]*, shorter than 250 characters.</summary>
    private static bool IsValidChannelName(string name) =>
        name.Length is > 0 and < 250
        && name[0] is >= 'a' and <= 'z'
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-');
}

internal sealed class NetworkFileException(string message, Exception? innerException = null) : Exception(message, innerException);
