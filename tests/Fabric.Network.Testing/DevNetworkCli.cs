using System.Diagnostics;

namespace Fabric.Network.Testing;

/// <summary>Runs one-shot commands of the dev network's CLI (e.g. <c>enroll</c>), which also work on a real test-network's cryptogen folders.</summary>
internal static class DevNetworkCli
{
    /// <returns>The enrolled user's MSP folder.</returns>
    public static async Task<string> EnrollAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
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
