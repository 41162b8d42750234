namespace Strata.Core.Operations;

/// <summary>A webhook as every interface shows it; its secret is shown only once, in <see cref="WebhookCreated"/>.</summary>
public sealed record WebhookView(string WebhookId, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

/// <param name="Secret">The signing secret (<c>whsec_…</c>): shown here once and never again; Strata keeps it sealed.</param>
public sealed record WebhookCreated(string WebhookId, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret);

public sealed record WebhookList(IReadOnlyList<WebhookView> Items);

/// <summary>A removed webhook: its deliveries still waiting are failed when their turn comes, not sent.</summary>
public sealed record WebhookRemoved(string WebhookId, bool Removed);

/// <summary>One event on its way to one webhook: its status and the last attempt's outcome.</summary>
public sealed record WebhookDeliveryView(
    string DeliveryId,
    string WebhookId,
    string EventType,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeliveredAt);

/// <param name="NextCursor">The cursor of the next page; null on the last.</param>
/// <param name="Total">Every delivery matching, when include_total asked for it.</param>
public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryView> Items, string? NextCursor = null, int? Total = null);
