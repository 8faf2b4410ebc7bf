namespace Fabric.Gateway.Api.Webhooks;

/// <summary>Where each webhook subscription got to: the last event delivered, kept in the journal database.</summary>
public interface IWebhookCheckpoints
{
    Task<(ulong BlockNumber, string TransactionId)?> GetAsync(string subscription, CancellationToken cancellationToken);

    Task SaveAsync(string subscription, ulong blockNumber, string transactionId, CancellationToken cancellationToken);
}
