using Microsoft.AspNetCore.Diagnostics;

namespace Fabric.Gateway.Api.Errors;

/// <summary>
/// The one place exceptions become responses: ProblemDetails from <see cref="ExceptionMapper"/>, never a stack trace.
/// Gateway faults are logged with the exception; refusals only with their type.
/// </summary>
internal sealed partial class FabricExceptionHandler(ILogger<FabricExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var problem = ExceptionMapper.Map(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            LogFault(logger, problem.Status.Value, problem.Type, exception);
        }
        else
        {
            LogRefusal(logger, problem.Status ?? 0, problem.Type);
        }

        await TypedResults.Problem(problem).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Request failed with {Status} {ProblemType}")]
    private static partial void LogFault(ILogger logger, int status, string? problemType, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Request refused with {Status} {ProblemType}")]
    private static partial void LogRefusal(ILogger logger, int status, string? problemType);
}
