using Fabric.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Fabric.Network.Testing;

/// <summary>
/// Copies a network file for one test run: every port (orderer, peers, chaincode servers) replaced by a free one,
/// so that test assemblies running in parallel never collide with each other or with a developer's own dev network;
/// relative paths made absolute; chaincode launch commands that name a project replaced by the project's built
/// assembly (built by this solution, so no concurrent `dotnet build` at start).
/// </summary>
internal static class NetworkFileRewriter
{
    public sealed record Result(string Yaml, IReadOnlyDictionary<string, (string Domain, int PeerPort)> Organizations);

    public static Result Rewrite(string templatePath)
    {
        var templateDirectory = Path.GetDirectoryName(Path.GetFullPath(templatePath))!;
        var stream = new YamlStream();
        using (var reader = new StreamReader(templatePath))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var ports = new FreePorts();
        var orderer = (YamlMappingNode)root["orderer"];
        orderer.Children[new YamlScalarNode("port")] = new YamlScalarNode(ports.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var organizations = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (YamlMappingNode organization in (YamlSequenceNode)root["organizations"])
        {
            var port = ports.Next();
            organization.Children[new YamlScalarNode("peerPort")] = new YamlScalarNode(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            organizations[Scalar(organization, "mspId")] = (Scalar(organization, "domain"), port);
        }

        if (root.Children.TryGetValue(new YamlScalarNode("channels"), out var channels))
        {
            foreach (YamlMappingNode channel in (YamlSequenceNode)channels)
            {
                if (!channel.Children.TryGetValue(new YamlScalarNode("chaincodes"), out var chaincodes))
                {
                    continue;
                }

                foreach (YamlMappingNode chaincode in (YamlSequenceNode)chaincodes)
                {
                    RewriteChaincode(chaincode, templateDirectory, ports);
                }
            }
        }

        // Applications (e.g. the REST gateway) are the tests' business: they host what they test themselves.
        root.Children.Remove(new YamlScalarNode("applications"));
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return new Result(writer.ToString(), organizations);
    }

    private static void RewriteChaincode(YamlMappingNode chaincode, string templateDirectory, FreePorts ports)
    {
        if (chaincode.Children.TryGetValue(new YamlScalarNode("collectionsConfig"), out var collections))
        {
            chaincode.Children[new YamlScalarNode("collectionsConfig")] =
                new YamlScalarNode(Path.GetFullPath(Path.Combine(templateDirectory, ((YamlScalarNode)collections).Value!)));
        }

        // One server per distinct address: organizations that share a chaincode process keep sharing it.
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var endpoints = new List<YamlMappingNode>();
        if (chaincode.Children.TryGetValue(new YamlScalarNode("endpoint"), out var endpoint))
        {
            endpoints.Add((YamlMappingNode)endpoint);
        }

        if (chaincode.Children.TryGetValue(new YamlScalarNode("endpoints"), out var perOrganization))
        {
            var map = (YamlMappingNode)perOrganization;
            foreach (var key in map.Children.Keys.ToList())
            {
                // Aliased nodes are shared objects; copy before editing so each organization gets its own.
                var copy = Copy((YamlMappingNode)map.Children[key]);
                map.Children[key] = copy;
                endpoints.Add(copy);
            }
        }

        foreach (var node in endpoints)
        {
            var address = Scalar(node, "address");
            if (!addresses.TryGetValue(address, out var replaced))
            {
                replaced = $"localhost:{ports.Next()}";
                addresses[address] = replaced;
            }

            node.Children[new YamlScalarNode("address")] = new YamlScalarNode(replaced);
            foreach (var pathKey in new[] { "rootCertPath", "clientCertPath", "clientKeyPath" })
            {
                if (node.Children.TryGetValue(new YamlScalarNode(pathKey), out var path))
                {
                    node.Children[new YamlScalarNode(pathKey)] = new YamlScalarNode(Path.GetFullPath(Path.Combine(templateDirectory, ((YamlScalarNode)path).Value!)));
                }
            }

            if (node.Children.TryGetValue(new YamlScalarNode("launch"), out var launch))
            {
                node.Children[new YamlScalarNode("launch")] = RewriteLaunch((YamlMappingNode)launch, templateDirectory);
            }
        }
    }

    private static YamlMappingNode RewriteLaunch(YamlMappingNode launch, string templateDirectory)
    {
        var workingDirectory = launch.Children.TryGetValue(new YamlScalarNode("workingDirectory"), out var wd)
            ? Path.GetFullPath(Path.Combine(templateDirectory, ((YamlScalarNode)wd).Value!))
            : templateDirectory;
        var arguments = launch.Children.TryGetValue(new YamlScalarNode("arguments"), out var args)
            ? ((YamlSequenceNode)args).Children.Select(a => ((YamlScalarNode)a).Value!).ToList()
            : [];
        var rewritten = new YamlMappingNode();
        var projectIndex = arguments.IndexOf("--project");
        if (Scalar(launch, "command") == "dotnet" && arguments.FirstOrDefault() == "run" && projectIndex >= 0 && projectIndex + 1 < arguments.Count)
        {
            var projectDirectory = Path.GetFullPath(Path.Combine(workingDirectory, arguments[projectIndex + 1]));
            rewritten.Add("command", "dotnet");
            rewritten.Add("arguments", new YamlSequenceNode(new YamlScalarNode(BuiltArtifacts.AssemblyOf(projectDirectory, Path.GetFileName(projectDirectory)))));
        }
        else
        {
            rewritten.Add("command", Scalar(launch, "command"));
            rewritten.Add("arguments", new YamlSequenceNode(arguments.Select(a => new YamlScalarNode(a))));
        }

        rewritten.Add("workingDirectory", workingDirectory);
        var environment = launch.Children.TryGetValue(new YamlScalarNode("environment"), out var env) ? Copy((YamlMappingNode)env) : new YamlMappingNode();
        // Chaincode servers log every start at Information; the test output only needs their warnings.
        environment.Children[new YamlScalarNode("Logging__LogLevel__Default")] = new YamlScalarNode("Warning");
        rewritten.Add("environment", environment);
        return rewritten;
    }

    private static YamlMappingNode Copy(YamlMappingNode node)
    {
        var copy = new YamlMappingNode();
        foreach (var (key, value) in node.Children)
        {
            copy.Add(key, value switch
            {
                YamlMappingNode mapping => Copy(mapping),
                YamlSequenceNode sequence => new YamlSequenceNode(sequence.Children.Select(c => c is YamlScalarNode s ? new YamlScalarNode(s.Value) : c)),
                YamlScalarNode scalar => new YamlScalarNode(scalar.Value),
                _ => value,
            });
        }

        return copy;
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } text }
            ? text
            : throw new InvalidDataException($"The network file has no '{key}' where the harness expects one.");

    /// <summary>Free loopback ports, distinct within one network file.</summary>
    private sealed class FreePorts
    {
        private readonly HashSet<int> _taken = [];

        public int Next()
        {
            while (true)
            {
                var port = FreeTcpPort.Next();
                if (_taken.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
