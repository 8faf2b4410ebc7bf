using System.Diagnostics;

namespace Fabric.Network.Testing;

/// <summary>Runs one-shot commands of the dev network's CLI (e.g. <c>enroll</c>), which also work on a real test-network's cryptogen folders.</summary>
internal static class DevNetworkCli
{
    /// <summary>Runs <c>enroll</c> with <paramref name="target"/> (which organization folder) and loads the new user's credentials.</summary>
    public static async Task<TestUser> EnrollAsync(
        IEnumerable<string> target, string mspId, string userName, IReadOnlyDictionary<string, string>? attributes, bool admin,
        CancellationToken cancellationToken)
    {
        List<string> arguments = ["enroll", .. target, "--name", userName];
        foreach (var (name, value) in attributes ?? new Dictionary<string, string>())
        {
            arguments.AddRange(["--attr", $"{name}={value}"]);
        }

        if (admin)
        {
            arguments.Add("--admin");
        }

        var mspDirectory = await RunEnrollAsync(arguments, cancellationToken);
        return new TestUser(userName, mspId, mspDirectory, await Fabric.Gateway.Client.Identity.MspFolder.LoadAsync(mspDirectory, mspId, cancellationToken));
    }

    /// <returns>The enrolled user's MSP folder.</returns>
    private static async Task<string> RunEnrollAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(BuiltArtifacts.DevNetwork);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the dev network CLI.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"enroll failed ({process.ExitCode}): {await errors}{text}");
        }

        // "Enrolled <name>@<domain>: <msp folder>"
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => l.StartsWith("Enrolled ", StringComparison.Ordinal));
        return line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..];
    }
}
