using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Errors;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Api.Journal;
using Fabric.Gateway.Api.Security;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST, as Stripe does it: the first response to a (principal, key) is stored and replayed
/// for a repeat of the same request without running it again; the same key with a different request is 422; a repeat
/// while the first is still running is 409. Responses of 5xx are not stored (the retry runs again, and the invoker
/// resumes the journaled transaction instead of creating a new one). Also turns <c>Prefer: respond-async</c> into
/// 202 with the transaction's Location.
/// </summary>
internal sealed partial class IdempotencyFilter(
    IIdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly SearchValues<char> KeyCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return await next(context).ConfigureAwait(false);
        }

        var respondAsync = http.Request.Headers["Prefer"].Any(p => p?.Contains("respond-async", StringComparison.OrdinalIgnoreCase) == true);
        var settings = options.Value;
        var key = http.Request.Headers[HeaderName].ToString();
        if (key.Length == 0)
        {
            if (settings.Required)
            {
                return Problems.Validation(HeaderName, $"The {HeaderName} header is required on POST requests.");
            }

            http.Features.Set(new IdempotencyFeature(null, respondAsync, EarlierAttempt: false));
            return await RunAsync(context, next, respondAsync).ConfigureAwait(false);
        }

        if (key.Length > settings.MaxKeyLength || key.AsSpan().ContainsAnyExcept(KeyCharacters))
        {
            return Problems.Validation(
                HeaderName, $"The {HeaderName} must be 1 to {settings.MaxKeyLength} characters of A-Z, a-z, 0-9, '-', '_', '.' and ':'.");
        }

        var caller = FabricCaller.Of(http);
        var principal = caller.Principal;
        var hash = await RequestHashAsync(http.Request, caller.IdentityName, http.RequestAborted).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var claim = await store.ClaimAsync(principal, key, hash, now, now + settings.LeaseDuration, http.RequestAborted).ConfigureAwait(false);
        switch (claim.Status)
        {
            case ClaimStatus.Mismatch:
                return Problems.Result(ProblemKind.IdempotencyKeyReused, $"The {HeaderName} '{key}' was already used with a different request.");
            case ClaimStatus.InProgress:
                return Problems.Result(ProblemKind.IdempotencyInProgress, $"The request with {HeaderName} '{key}' is still being processed; retry later.");
            case ClaimStatus.Completed:
                LogReplay(logger, claim.Response!.StatusCode);
                return new ReplayResult(claim.Response!);
        }

        http.Features.Set(new IdempotencyFeature(key, respondAsync, EarlierAttempt: !claim.FirstAttempt));
        StoredResponse stored;
        try
        {
            var result = await RunAsync(context, next, respondAsync).ConfigureAwait(false);
            stored = await ExecuteCapturingAsync(http, result).ConfigureAwait(false);
        }
        catch
        {
            // A fault (mapped to 5xx by the exception handler) or a client that went away: no outcome to keep.
            await store.ReleaseAsync(principal, key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (stored.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            await store.ReleaseAsync(principal, key, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await store.CompleteAsync(principal, key, stored, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }

        return Results.Empty;
    }

    /// <summary>Runs the endpoint; refusals (4xx) become their ProblemDetails here so that they are stored and replayed too.</summary>
    private static async Task<IResult> RunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool respondAsync)
    {
        object? value;
        try
        {
            value = await next(context).ConfigureAwait(false);
        }
        catch (TransactionAcceptedException accepted)
        {
            if (respondAsync)
            {
                context.HttpContext.Response.Headers["Preference-Applied"] = "respond-async";
            }

            return TypedResults.Accepted(
                "/api/transactions/" + accepted.TransactionId,
                new AcceptedTransaction(accepted.TransactionId, "accepted"));
        }
        catch (Exception e) when (e is not OperationCanceledException && ExceptionMapper.Map(e) is { Status: < 500 } problem)
        {
            return TypedResults.Problem(problem);
        }

        return value switch
        {
            IResult result => result,
            null => Results.Empty,
            string text => TypedResults.Text(text),
            _ => TypedResults.Json(value),
        };
    }

    private static async Task<StoredResponse> ExecuteCapturingAsync(HttpContext http, IResult result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http).ConfigureAwait(false);
        }
        finally
        {
            http.Response.Body = original;
        }

        // With its length known and written without a flush, Kestrel sends headers and body in one write when the
        // request ends, instead of a chunk per copy and a terminating chunk.
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        http.Response.ContentLength = body.Length;
        http.Response.BodyWriter.Write(body.Span);
        return new StoredResponse(
            http.Response.StatusCode,
            http.Response.ContentType,
            http.Response.Headers.Location.Count > 0 ? http.Response.Headers.Location.ToString() : null,
            buffer.ToArray());
    }

    /// <summary>SHA-256 of method, path, query, acting identity and body: "the same request" for the purpose of the key.</summary>
    private static async Task<byte[]> RequestHashAsync(HttpRequest request, string identityName, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n{identityName}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }

            request.Body.Position = 0;
        }

        return hash.GetHashAndReset();
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Idempotent replay of a stored {Status} response")]
    private static partial void LogReplay(ILogger logger, int status);

    private sealed class ReplayResult(StoredResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            if (response.ContentType is not null)
            {
                httpContext.Response.ContentType = response.ContentType;
            }

            if (response.Location is not null)
            {
                httpContext.Response.Headers.Location = response.Location;
            }

            httpContext.Response.Headers[ReplayedHeader] = "true";
            await httpContext.Response.Body.WriteAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}

/// <summary>The body of a 202 in asynchronous mode.</summary>
public sealed record AcceptedTransaction(string TransactionId, string Status);
