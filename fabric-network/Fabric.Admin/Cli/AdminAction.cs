using System.CommandLine;
using Grpc.Core;

namespace Fabric.Admin.Cli;

/// <summary>What a command does, given its parse result, where to write, and a token that fires on Ctrl+C or --timeout.</summary>
internal delegate Task AdminHandler(ParseResult parse, TextWriter output, CancellationToken cancellationToken);

/// <summary>
/// Runs a command with the CLI's error contract: one line on stderr and the exit code of the failure's kind
/// (<see cref="AdminErrorKind"/>); 5 when --timeout passes; 130 on Ctrl+C.
/// </summary>
internal static class AdminAction
{
    public const int CancelledExitCode = 130;

    public static void SetAdminAction(this Command command, Option<TimeSpan>? timeoutOption, TimeProvider time, AdminHandler handler)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var timeout = timeoutOption is null ? System.Threading.Timeout.InfiniteTimeSpan : parse.GetValue(timeoutOption);
            using var deadline = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await handler(parse, output, linked.Token).ConfigureAwait(false);
                return 0;
            }
            catch (AdminException e)
            {
                await error.WriteLineAsync($"Error: {e.Message}").ConfigureAwait(false);
                return e.ExitCode;
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    await error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
                    return CancelledExitCode;
                }

                if (deadline.IsCancellationRequested)
                {
                    await error.WriteLineAsync($"Error: timed out after {timeout.TotalSeconds:0.###}s (--timeout)").ConfigureAwait(false);
                    return (int)AdminErrorKind.Timeout;
                }

                throw;
            }
        });
    }
}
