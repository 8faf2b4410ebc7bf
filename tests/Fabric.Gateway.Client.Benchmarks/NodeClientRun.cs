using System.Diagnostics;
using System.Text.Json;

namespace Fabric.Gateway.Client.Benchmarks;

/// <summary>Runs the Node script with the official client against a scripted peer started here, and reads its figures.</summary>
internal static class NodeClientRun
{
    public static async Task<Dictionary<string, double>> RunAsync(string repositoryRoot, int seconds, CancellationToken cancellationToken)
    {
        await using var session = await PeerSession.StartAsync();
        var folder = Directory.CreateTempSubdirectory("node-bench-").FullName;
        try
        {
            var cert = Path.Combine(folder, "cert.pem");
            var key = Path.Combine(folder, "key.pem");
            await File.WriteAllTextAsync(cert, session.Identity.CertificatePem, cancellationToken);
            await File.WriteAllTextAsync(key, session.Identity.PrivateKeyPem, cancellationToken);

            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = Path.Combine(repositoryRoot, "tests", "conformance"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "benchmarks/gateway-client-benchmark.js",
                "--address", $"127.0.0.1:{session.Peer.Address.Port}",
                "--msp", session.Identity.MspId,
                "--cert", cert,
                "--key", key,
                "--seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--concurrency", GatewayClientBenchmarks.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The Node benchmark failed ({process.ExitCode}): {await stderr}");
            }

            var output = await stdout;
            Console.WriteLine("Node: " + output.Trim());
            using var document = JsonDocument.Parse(output);
            return document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Number)
                .ToDictionary(p => p.Name, p => p.Value.GetDouble());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
