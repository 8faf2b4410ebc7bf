using System.CommandLine;
using Fabric.Admin.Cli;

namespace Fabric.Admin.Tests.Support;

/// <summary>One run of the CLI in-process: exit code and what it wrote.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}

public static class CliRun
{
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AdminCli.Create(TimeProvider.System).Parse([.. args]).InvokeAsync(
            new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
