using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>
/// Reads a JSON request body into a request type. Done here rather than by minimal API binding so that every
/// way a body can be wrong (too large, not JSON, malformed, a field of the wrong type, an unknown field) becomes
/// a 4xx ProblemDetails that names the field, never a 500 or an anonymous 400.
/// </summary>
internal static class RequestBody
{
    /// <summary>The default limit: the largest regular business document is well under this.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    public static async Task<(T? Body, IResult? Failure)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The request body must be JSON (Content-Type: application/json)."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var bytes = await ReadBoundedAsync(request.Body, maxBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, TooLarge(maxBytes));
        }

        if (bytes.Length == 0)
        {
            return (null, Invalid("body", "is required: a JSON object."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return (null, Invalid("body", "is not well-formed JSON (UTF-8)."));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Invalid("body", "must be a JSON object."));
            }

            try
            {
                return document.RootElement.Deserialize<T>(EndpointJson.Request) is { } body
                    ? (body, null)
                    : (null, Invalid("body", "must be a JSON object."));
            }
            catch (JsonException exception)
            {
                return (null, Invalid(FieldOf(exception.Path), DescribeTypeProblem(exception)));
            }
        }
    }

    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary><c>$.terms.amount</c> or <c>$['terms'].lines[2]</c> as the camelCase field path <c>terms.amount</c>.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal).TrimStart('.');
    }

    private static string DescribeTypeProblem(JsonException exception) =>
        exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "is not a known field of this request."
            : "has the wrong type or format for this field.";

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The request body must be at most {maxBytes} bytes.");

    /// <summary>The whole body, or null when it is longer than <paramref name="maxBytes"/> (a missing Content-Length is not trusted).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 16 * 1024));
        try
        {
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > maxBytes)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return total > maxBytes ? null : buffer.AsSpan(0, total).ToArray();
                }

                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
