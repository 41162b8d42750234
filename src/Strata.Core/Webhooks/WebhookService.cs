using System.Security.Cryptography;
using Strata.Core.Errors;
using Strata.Core.Llm;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Webhooks;

/// <summary>
/// <c>add_webhook</c>, <c>list_webhooks</c>, <c>remove_webhook</c>, <c>list_webhook_deliveries</c>. Each write is one
/// transaction of the caller's: a webhook is added whole (its secret sealed under the server key with the user and
/// webhook id bound in, so the sealed bytes open for no other row) or not at all; a removal deletes the row, and its
/// deliveries still waiting are failed by their job when their turn comes. The URL's host is resolved and checked
/// (<see cref="OutboundAddressPolicy"/>) when the webhook is added, and again at each delivery, since DNS may change.
/// Another user's webhook answers exactly as a missing one (<c>WEBHOOK_NOT_FOUND</c>).
/// </summary>
public sealed class WebhookService(IStrataStore store, IProviderKeySealer? sealer, WebhookSender sender, TimeProvider clock)
{
    public const int MaxWebhooks = 20;
    public const int MaxUrlLength = 2048;

    public async Task<WebhookCreated> AddAsync(string userId, string url, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        var target = ValidUrl(url);
        var wanted = ValidEvents(events);
        await sender.ResolveAllowedAsync(target.IdnHost, cancellationToken);
        var id = "whk_" + Guid.CreateVersion7().ToString("N")[..24];
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var webhook = new Webhook(id, userId, target.AbsoluteUri, wanted, Sealer.Seal(userId, SealContext(id), secret), clock.GetUtcNow());
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        if ((await session.Webhooks.ListAsync(cancellationToken)).Count >= MaxWebhooks)
        {
            throw StrataException.Validation($"You have {MaxWebhooks} webhooks, the most one user may have; remove one first.");
        }
        await session.Webhooks.InsertAsync(webhook, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new WebhookCreated(id, webhook.Url, wanted, webhook.CreatedAt, secret);
    }

    public async Task<WebhookList> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        return new WebhookList((await session.Webhooks.ListAsync(cancellationToken)).Select(View).ToList());
    }

    public async Task<WebhookRemoved> RemoveAsync(string userId, string webhookId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        if (!await session.Webhooks.DeleteAsync(webhookId, cancellationToken)) throw NotFound(webhookId);
        await session.CommitAsync(cancellationToken);
        return new WebhookRemoved(webhookId, true);
    }

    /// <summary>The newest deliveries first, of one webhook or all, a page at a time like the other lists.</summary>
    public async Task<WebhookDeliveryList> DeliveriesAsync(string userId, string? webhookId, Paging paging, CancellationToken cancellationToken)
    {
        var valid = paging.Validated();
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        if (webhookId is not null && await session.Webhooks.GetAsync(webhookId, cancellationToken) is null) throw NotFound(webhookId);
        var page = await session.Webhooks.ListDeliveriesAsync(webhookId, valid, cancellationToken);
        return new WebhookDeliveryList(page.Items.Select(View).ToList(), page.NextCursor, page.Total);
    }

    /// <summary>The webhook's secret in clear, for signing a delivery (never logged, never returned after creation).</summary>
    internal string OpenSecret(Webhook webhook) => Sealer.Open(webhook.UserId, SealContext(webhook.Id), webhook.SealedSecret);

    private IProviderKeySealer Sealer => sealer
        ?? throw new InvalidOperationException("The host loaded no server key, so webhook secrets can be neither sealed nor opened.");

    /// <summary>The sealer binds its ciphertext to a user and a name: a webhook's is its id, prefixed so that it can
    /// never be mistaken for a provider's key.</summary>
    private static string SealContext(string webhookId) => "webhook:" + webhookId;

    private static Uri ValidUrl(string url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw StrataException.Validation($"url must be an absolute http or https URL of at most {MaxUrlLength} characters.");
        }
        if (uri.UserInfo.Length > 0) throw StrataException.Validation("url must not carry a user name or password; authenticate deliveries by their signature.");
        return uri;
    }

    private static List<string> ValidEvents(IReadOnlyList<string> events)
    {
        var wanted = events.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) throw StrataException.Validation($"events must name at least one of: {string.Join(", ", WebhookEvents.All)}.");
        var unknown = wanted.FirstOrDefault(e => !WebhookEvents.All.Contains(e, StringComparer.Ordinal));
        if (unknown is not null) throw StrataException.Validation($"Unknown event '{unknown}'; events are {string.Join(", ", WebhookEvents.All)}.");
        return WebhookEvents.All.Where(wanted.Contains).ToList();
    }

    private static StrataException NotFound(string webhookId) =>
        new(ErrorCodes.WebhookNotFound, $"No webhook '{webhookId}'. List yours with list_webhooks (`strata webhooks list`).");

    private static WebhookView View(Webhook w) => new(w.Id, w.Url, w.Events, w.CreatedAt);

    private static WebhookDeliveryView View(WebhookDelivery d) =>
        new(d.Id, d.WebhookId, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.UpdatedAt, d.DeliveredAt);
}
