using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Connections;
using Fabric.Gateway.Api.Errors;
using Fabric.Gateway.Api.Identity;
using Fabric.Gateway.Api.Security;
using Fabric.Gateway.Client;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Events;

/// <summary>
/// <c>GET /api/events?network=trade</c>: the chaincode events of a business network as Server-Sent Events. Each event's
/// id is <c>&lt;block&gt;:&lt;txId&gt;</c>; a client that reconnects with <c>Last-Event-ID</c> resumes right after that
/// transaction (the peer restarts at its block and skips up to and including it), so there is no gap and no duplicate.
/// </summary>
internal static partial class EventsEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        api.MapGet("/events", Get)
            .WithName("GetEvents")
            .WithSummary("Chaincode events as Server-Sent Events")
            .WithDescription(
                "Streams the chaincode events of a business network, signed as the caller's identity. Resume with the " +
                "Last-Event-ID header (or ?lastEventId=) set to the id of the last event processed; start elsewhere with ?startBlock=.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithTags("Events");
        return api;
    }

    private static async Task<IResult> Get(
        string network,
        ulong? startBlock,
        string? lastEventId,
        HttpContext httpContext,
        IOptions<FabricOptions> options,
        IIdentityProvider identities,
        FabricConnections connections,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!options.Value.Networks.TryGetValue(network, out var settings))
        {
            return Problems.Result(ProblemKind.NotFound, $"The business network '{network}' is not configured on this gateway.");
        }

        var resumeFrom = httpContext.Request.Headers[LastEventIdHeader].ToString() is { Length: > 0 } header ? header : lastEventId;
        Checkpoint? checkpoint = null;
        if (resumeFrom is not null && (checkpoint = Checkpoint.Parse(resumeFrom)) is null)
        {
            return Problems.Validation(LastEventIdHeader, "Last-Event-ID must be '<block number>:<transaction ID>' as sent in an event's id.");
        }

        var caller = FabricCaller.Of(httpContext);
        var identity = await identities.GetAsync(caller.IdentityName, cancellationToken).ConfigureAwait(false);
        var eventsOptions = new EventsOptions { StartBlock = startBlock, Checkpoint = checkpoint };
        var events = connections.ChaincodeEventsAsync(identity, settings.Channel, settings.Chaincode, eventsOptions, cancellationToken);
        return TypedResults.ServerSentEvents(ToItems(events, loggers.CreateLogger(typeof(EventsEndpoints)), cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<ChaincodeEventMessage>> ToItems(
        IAsyncEnumerable<ChaincodeEvent> events, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (GatewayException e)
            {
                // The response has started: end the stream; the client reconnects with Last-Event-ID.
                LogStreamEnded(logger, e.StatusCode?.ToString() ?? "unknown");
                yield break;
            }

            var e2 = enumerator.Current;
            yield return new SseItem<ChaincodeEventMessage>(ChaincodeEventMessage.Of(e2), e2.EventName)
            {
                EventId = string.Create(CultureInfo.InvariantCulture, $"{e2.BlockNumber}:{e2.TransactionId}"),
            };
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Chaincode event stream ended by Fabric ({StatusCode})")]
    private static partial void LogStreamEnded(ILogger logger, string statusCode);

    private sealed record Checkpoint(ulong BlockNumber, string? TransactionId) : ICheckpoint
    {
        public static Checkpoint? Parse(string value)
        {
            var separator = value.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0
                || !ulong.TryParse(value.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var block))
            {
                return null;
            }

            var transactionId = value[(separator + 1)..];
            return transactionId.Length is > 0 and <= 128 && transactionId.All(char.IsAsciiHexDigit) ? new Checkpoint(block, transactionId) : null;
        }
    }
}

/// <summary>The data of one event in the stream.</summary>
/// <param name="BlockNumber">The block of the transaction that emitted it.</param>
/// <param name="TransactionId">The transaction that emitted it.</param>
/// <param name="EventName">The chaincode's name for the event (also the SSE event type).</param>
/// <param name="Payload">The payload when it is JSON (as our chaincodes emit it).</param>
/// <param name="PayloadBase64">The payload, base64, when it is not JSON.</param>
public sealed record ChaincodeEventMessage(ulong BlockNumber, string TransactionId, string EventName, JsonElement? Payload, string? PayloadBase64)
{
    internal static ChaincodeEventMessage Of(ChaincodeEvent e)
    {
        JsonElement? json = null;
        if (!e.Payload.IsEmpty)
        {
            try
            {
                using var document = JsonDocument.Parse(e.Payload);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
            }
        }

        return new ChaincodeEventMessage(
            e.BlockNumber, e.TransactionId, e.EventName, json, json is null && !e.Payload.IsEmpty ? Convert.ToBase64String(e.Payload.Span) : null);
    }
}
