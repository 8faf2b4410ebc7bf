namespace Fabric.Gateway.Api.Webhooks;

/// <summary>
/// Section <c>Webhooks</c>: chaincode events pushed to HTTP endpoints, signed with HMAC-SHA256, retried until
/// delivered, resumed after a restart from a checkpoint kept in the journal database. Default: none.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Subscription name (also its checkpoint's key) to its settings.</summary>
    public Dictionary<string, WebhookSubscriptionOptions> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>First delay between delivery attempts; it doubles up to <see cref="MaxRetryDelay"/>. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between delivery attempts. Default 1 minute.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Deadline of one delivery attempt. Default 10 seconds.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>One webhook: which network's events, read as which identity, sent where, signed with which secret.</summary>
public sealed class WebhookSubscriptionOptions
{
    /// <summary>The business network whose chaincode events are sent.</summary>
    public string Network { get; set; } = string.Empty;

    /// <summary>The identity (<c>Fabric:Identities</c>) that signs the event stream request.</summary>
    public string Identity { get; set; } = string.Empty;

    /// <summary>The receiver, an absolute http(s) URL.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The HMAC-SHA256 key (at least 16 bytes) the receiver checks <c>X-Fabric-Signature</c> with.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>Block to start from the first time (no checkpoint yet). Default null: the next block committed.</summary>
    public ulong? StartBlock { get; set; }
}
