namespace Strata.Relational.Webhooks;

/// <summary>The webhook tables' SQL: text both databases accept, so neither dialect overrides it.</summary>
internal sealed record WebhookSql
{
    private const string HookColumns = "id, user_id, url, events, sealed_secret, created_at";

    private const string HookRow =
        "id AS Id, user_id AS UserId, url AS Url, events AS Events, sealed_secret AS SealedSecret, created_at AS CreatedAt";

    private const string DeliveryColumns =
        "id, webhook_id, event_type, body, status, attempts, last_status_code, last_error, created_at, updated_at, delivered_at";

    private const string DeliveryRow = "id AS Id, webhook_id AS WebhookId, event_type AS EventType, body AS Body, status AS Status, "
        + "attempts AS Attempts, last_status_code AS LastStatusCode, last_error AS LastError, created_at AS CreatedAt, updated_at AS UpdatedAt, "
        + "delivered_at AS DeliveredAt";

    public string Insert { get; init; } = $"""
        INSERT INTO webhooks ({HookColumns}) VALUES (@id, @UserId, @url, @events, @sealedSecret, @createdAt)
        """;

    public string Get { get; init; } = $"SELECT {HookRow} FROM webhooks WHERE user_id = @UserId AND id = @id";

    public string List { get; init; } = $"SELECT {HookRow} FROM webhooks WHERE user_id = @UserId ORDER BY created_at, id";

    public string Delete { get; init; } = "DELETE FROM webhooks WHERE user_id = @UserId AND id = @id";

    public string InsertDelivery { get; init; } = $"""
        INSERT INTO webhook_deliveries (user_id, {DeliveryColumns})
        VALUES (@UserId, @id, @webhookId, @eventType, @body, @status, @attempts, @lastStatusCode, @lastError, @createdAt, @updatedAt, @deliveredAt)
        ON CONFLICT (id) DO NOTHING
        """;

    public string GetDelivery { get; init; } = $"SELECT {DeliveryRow} FROM webhook_deliveries WHERE user_id = @UserId AND id = @id";

    public string UpdateDelivery { get; init; } = """
        UPDATE webhook_deliveries
        SET status = @status, attempts = @attempts, last_status_code = @lastStatusCode, last_error = @lastError,
            updated_at = @updatedAt, delivered_at = @deliveredAt
        WHERE user_id = @UserId AND id = @id
        """;

    public string ListDeliveries { get; init; } = $"""
        SELECT {DeliveryRow} FROM webhook_deliveries
        WHERE user_id = @UserId AND (@webhookId IS NULL OR webhook_id = @webhookId)
        """;

    /// <summary>Keyset paging, newest first: after the cursor's (created_at, id).</summary>
    public string ListDeliveriesAfter { get; init; } = "AND created_at <= @afterKey AND (created_at < @afterKey OR id < @afterId)";

    public string ListDeliveriesOrder { get; init; } = "ORDER BY created_at DESC, id DESC LIMIT @Limit + 0 OFFSET @Offset";

    public string CountDeliveries { get; init; } = """
        SELECT COUNT(*) FROM webhook_deliveries WHERE user_id = @UserId AND (@webhookId IS NULL OR webhook_id = @webhookId)
        """;
}
