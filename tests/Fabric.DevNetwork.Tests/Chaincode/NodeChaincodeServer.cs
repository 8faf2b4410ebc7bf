using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fabric.TestSupport;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>
/// Runs tests/conformance/chaincode/asset-contract with the official fabric-shim CLI as a chaincode-as-a-service
/// server (fabric-chaincode-node server) on a free loopback port. The peer side dials it; disposing kills it.
/// </summary>
internal sealed class NodeChaincodeServer : IDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private NodeChaincodeServer(Process process, string address, string packageId)
    {
        this.process = process;
        Address = address;
        PackageId = packageId;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Address { get; }

    public string PackageId { get; }

    /// <summary>What the chaincode printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join(Environment.NewLine, output.TakeLast(40));
            }
        }
    }

    public static NodeChaincodeServer Start(string packageId, string peerMspId, IReadOnlyList<string>? tlsArguments = null)
    {
        var port = FreeTcpPort.Next();
        var address = $"127.0.0.1:{port}";
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryLayout.PathOf("tests", "conformance"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "node_modules/fabric-shim/cli.js", "server",
            "--chaincode-address", address,
            "--chaincode-id", packageId,
            "--module-path", RepositoryLayout.PathOf("tests", "conformance", "chaincode", "asset-contract"),
        }.Concat(tlsArguments ?? []))
        {
            start.ArgumentList.Add(argument);
        }

        // fabric-shim reads the peer's MSP ID from the environment, as a chaincode package's launcher sets it.
        start.Environment["CORE_PEER_LOCALMSPID"] = peerMspId;
        start.Environment["CORE_CHAINCODE_LOGGING_LEVEL"] = "warn";
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        return new NodeChaincodeServer(process, address, packageId);
    }

    /// <summary>Waits until the server accepts TCP connections, so that a test's failure cannot be a slow start.</summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var endpoint = IPEndPoint.Parse(Address);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(endpoint, deadline.Token);
                return;
            }
            catch (SocketException) when (!deadline.IsCancellationRequested && !process.HasExited)
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException)
            {
                throw new TimeoutException($"the chaincode server did not listen on {Address} within {timeout}:{Environment.NewLine}{Output}", exception);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }
    }

}
