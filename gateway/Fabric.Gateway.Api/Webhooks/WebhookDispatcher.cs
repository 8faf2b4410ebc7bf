using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Connections;
using Fabric.Gateway.Api.Events;
using Fabric.Gateway.Api.Identity;
using Fabric.Gateway.Client;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Webhooks;

/// <summary>
/// Pushes each subscription's chaincode events to its URL, one at a time and in ledger order: a JSON POST with
/// <c>X-Fabric-Event-Id: &lt;block&gt;:&lt;txId&gt;</c> and <c>X-Fabric-Signature: sha256=&lt;hex HMAC-SHA256 of the
/// body&gt;</c>. A delivery is retried (backoff up to <see cref="WebhookOptions.MaxRetryDelay"/>) until the receiver
/// answers 2xx, and only then checkpointed, so after a restart the stream resumes right after the last delivered
/// event: nothing is skipped; an event is repeated only if the gateway stopped between delivery and checkpoint
/// (receivers deduplicate by the event ID).
/// </summary>
internal sealed partial class WebhookDispatcher(
    IOptions<WebhookOptions> options,
    IOptions<FabricOptions> fabric,
    IIdentityProvider identities,
    FabricConnections connections,
    IWebhookCheckpoints checkpoints,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "fabric-webhooks";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.Subscriptions.Select(s => RunAsync(s.Key, s.Value, stoppingToken)));

    private async Task RunAsync(string name, WebhookSubscriptionOptions subscription, CancellationToken stoppingToken)
    {
        var network = fabric.Value.Networks[subscription.Network];
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var identity = await identities.GetAsync(subscription.Identity, stoppingToken).ConfigureAwait(false);
                var stored = await checkpoints.GetAsync(name, stoppingToken).ConfigureAwait(false);
                var start = new EventsOptions
                {
                    StartBlock = subscription.StartBlock,
                    Checkpoint = stored is { } position ? new Position(position.BlockNumber, position.TransactionId) : null,
                };
                await foreach (var chaincodeEvent in connections
                                   .ChaincodeEventsAsync(identity, network.Channel, network.Chaincode, start, stoppingToken).ConfigureAwait(false))
                {
                    await DeliverAsync(name, subscription, chaincodeEvent, stoppingToken).ConfigureAwait(false);
                    await checkpoints.SaveAsync(name, chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A broken event stream or store is logged and reopened from the checkpoint; it must not stop the host.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogStreamFailed(logger, name, e);
                await Task.Delay(options.Value.MaxRetryDelay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(string name, WebhookSubscriptionOptions subscription, ChaincodeEvent chaincodeEvent, CancellationToken stoppingToken)
    {
        var eventId = string.Create(CultureInfo.InvariantCulture, $"{chaincodeEvent.BlockNumber}:{chaincodeEvent.TransactionId}");
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new WebhookMessage(subscription.Network, ChaincodeEventMessage.Of(chaincodeEvent)), JsonSerializerOptions.Web);
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(subscription.Secret), body));
        var delay = options.Value.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            int? status = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(subscription.Url)) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Fabric-Event-Id", eventId);
                request.Headers.Add("X-Fabric-Event", chaincodeEvent.EventName);
                request.Headers.Add("X-Fabric-Signature", signature);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(options.Value.DeliveryTimeout);
                using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
            {
            }

            LogDeliveryFailed(logger, name, eventId, attempt, status);
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRetryDelay.Ticks));
        }
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "Webhook {Subscription}: delivery of {EventId} failed (attempt {Attempt}, status {Status}); retrying")]
    private static partial void LogDeliveryFailed(ILogger logger, string subscription, string eventId, int attempt, int? status);

    [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "Webhook {Subscription}: event stream failed; reopening from the checkpoint")]
    private static partial void LogStreamFailed(ILogger logger, string subscription, Exception exception);

    private sealed record Position(ulong BlockNumber, string? TransactionId) : ICheckpoint;
}

/// <summary>The body of a webhook delivery.</summary>
/// <param name="Network">The business network.</param>
/// <param name="Event">The event, as in the SSE stream.</param>
public sealed record WebhookMessage(string Network, ChaincodeEventMessage Event);
