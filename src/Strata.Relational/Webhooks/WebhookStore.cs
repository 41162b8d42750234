using Dapper;
using Strata.Core;
using Strata.Core.Webhooks;
using Strata.Relational.Keyset;

namespace Strata.Relational.Webhooks;

/// <summary>One user's webhooks and deliveries, on either database.</summary>
internal sealed class WebhookStore(StoreScope scope) : IWebhookStore
{
    private WebhookSql Sql => scope.Dialect.Webhooks;

    public Task InsertAsync(Webhook webhook, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.Insert, new
        {
            id = webhook.Id, scope.UserId, url = webhook.Url, events = string.Join(',', webhook.Events),
            sealedSecret = webhook.SealedSecret, createdAt = scope.Time(webhook.CreatedAt),
        }, scope.Transaction);

    public async Task<Webhook?> GetAsync(string webhookId, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<HookRow>(Sql.Get, new { scope.UserId, id = webhookId }, scope.Transaction))?.ToWebhook();

    public async Task<IReadOnlyList<Webhook>> ListAsync(CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<HookRow>(Sql.List, new { scope.UserId }, scope.Transaction)).Select(r => r.ToWebhook()).ToList();

    public async Task<bool> DeleteAsync(string webhookId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Delete, new { scope.UserId, id = webhookId }, scope.Transaction) == 1;

    public async Task<bool> InsertDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.InsertDelivery, DeliveryParameters(delivery), scope.Transaction) == 1;

    public async Task<WebhookDelivery?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<DeliveryRow>(Sql.GetDelivery, new { scope.UserId, id = deliveryId }, scope.Transaction))?.ToDelivery();

    public Task UpdateDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.UpdateDelivery, DeliveryParameters(delivery), scope.Transaction);

    private const string DeliveriesList = "webhook deliveries";

    public async Task<Page<WebhookDelivery>> ListDeliveriesAsync(string? webhookId, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, webhookId, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = Pages.AfterTime(paging, DeliveriesList, scope, parameters, Sql.ListDeliveriesAfter);
        var rows = (await scope.Connection.QueryAsync<DeliveryRow>($"{Sql.ListDeliveries} {after} {Sql.ListDeliveriesOrder}", parameters, scope.Transaction))
            .Select(r => r.ToDelivery()).ToList();
        int? total = paging.IncludeTotal ? await scope.Connection.ExecuteScalarAsync<int>(Sql.CountDeliveries, new { scope.UserId, webhookId }, scope.Transaction) : null;
        return Pages.Of(rows, paging, d => PageCursor.EncodeNumber(DeliveriesList, Pages.KeyOf(d.CreatedAt), d.Id), total);
    }

    private object DeliveryParameters(WebhookDelivery d) => new
    {
        scope.UserId, id = d.Id, webhookId = d.WebhookId, eventType = d.EventType, body = d.Body, status = d.Status, attempts = d.Attempts,
        lastStatusCode = d.LastStatusCode, lastError = d.LastError, createdAt = scope.Time(d.CreatedAt), updatedAt = scope.Time(d.UpdatedAt),
        deliveredAt = scope.Time(d.DeliveredAt),
    };

    private sealed class HookRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string Url { get; set; } = "";
        public string Events { get; set; } = "";
        public byte[] SealedSecret { get; set; } = [];
        public object CreatedAt { get; set; } = "";

        public Webhook ToWebhook() => new(Id, UserId, Url, Events.Split(','), SealedSecret, StoredTime.Read(CreatedAt));
    }

    private sealed class DeliveryRow
    {
        public string Id { get; set; } = "";
        public string WebhookId { get; set; } = "";
        public string EventType { get; set; } = "";
        public string Body { get; set; } = "";
        public string Status { get; set; } = "";
        public long Attempts { get; set; }
        public long? LastStatusCode { get; set; }
        public string? LastError { get; set; }
        public object CreatedAt { get; set; } = "";
        public object UpdatedAt { get; set; } = "";
        public object? DeliveredAt { get; set; }

        public WebhookDelivery ToDelivery() => new(Id, WebhookId, EventType, Body, Status, (int)Attempts, (int?)LastStatusCode, LastError,
            StoredTime.Read(CreatedAt), StoredTime.Read(UpdatedAt), StoredTime.ReadNullable(DeliveredAt));
    }
}
