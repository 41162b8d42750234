namespace Strata.Core.Webhooks;

/// <summary>One user's subscription: where events go and which. The secret is kept sealed under the server key.</summary>
public sealed record Webhook(string Id, string UserId, string Url, IReadOnlyList<string> Events, byte[] SealedSecret, DateTimeOffset CreatedAt)
{
    public bool Wants(string eventType) => Events.Contains(eventType, StringComparer.Ordinal);
}

/// <summary>One event on its way to one webhook. <paramref name="Body"/> is the exact JSON sent on every attempt.</summary>
public sealed record WebhookDelivery(
    string Id,
    string WebhookId,
    string EventType,
    string Body,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeliveredAt);

public static class WebhookDeliveryStatuses
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
