namespace Strata.Core.Webhooks;

/// <summary>The queries of <see cref="IWebhookStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IWebhookReader
{
    Task<Webhook?> GetAsync(string webhookId, CancellationToken cancellationToken);

    /// <summary>The user's webhooks, oldest first (a user has few: <see cref="WebhookService.MaxWebhooks"/>).</summary>
    Task<IReadOnlyList<Webhook>> ListAsync(CancellationToken cancellationToken);

    Task<WebhookDelivery?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>The newest deliveries first, of one webhook or of all the user's, a page at a time (keyset on creation time and id).</summary>
    Task<Page<WebhookDelivery>> ListDeliveriesAsync(string? webhookId, Paging paging, CancellationToken cancellationToken);
}

/// <summary>One user's webhooks and their deliveries, inside the session's transaction.</summary>
public interface IWebhookStore : IWebhookReader
{
    Task InsertAsync(Webhook webhook, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string webhookId, CancellationToken cancellationToken);

    /// <summary>Adds a delivery; false when one with its id exists (the same event emitted again).</summary>
    Task<bool> InsertDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Records an attempt's outcome on the delivery (its status, attempts, last status code and error).</summary>
    Task UpdateDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken);
}
