using System.Text;
using Fabric.Gateway.Api.Configuration;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Webhooks;

/// <summary>Checks section <c>Webhooks</c> (and its references into <c>Fabric</c>) at start-up.</summary>
internal sealed class WebhookOptionsValidator(IOptions<FabricOptions> fabric) : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var problems = new List<string>();
        foreach (var (subscription, settings) in options.Subscriptions)
        {
            var where = $"Webhooks:Subscriptions:{subscription}";
            if (!fabric.Value.Networks.ContainsKey(settings.Network))
            {
                problems.Add($"{where}:Network '{settings.Network}' is not in Fabric:Networks.");
            }

            if (!fabric.Value.Identities.ContainsKey(settings.Identity))
            {
                problems.Add($"{where}:Identity '{settings.Identity}' is not in Fabric:Identities.");
            }

            if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"{where}:Url '{settings.Url}' must be an absolute http(s) URL.");
            }

            if (Encoding.UTF8.GetByteCount(settings.Secret) < 16)
            {
                problems.Add($"{where}:Secret must be at least 16 bytes.");
            }
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            problems.Add("Webhooks:RetryDelay must be positive and not above Webhooks:MaxRetryDelay.");
        }

        if (options.DeliveryTimeout <= TimeSpan.Zero)
        {
            problems.Add("Webhooks:DeliveryTimeout must be positive.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
