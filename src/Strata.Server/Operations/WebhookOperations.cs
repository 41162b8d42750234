using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Webhooks: subscriptions to events, and the log of their deliveries (docs/webhooks.md).</summary>
public static class WebhookOperations
{
    public static readonly StrataOperation AddWebhook = new("add_webhook", "Add a webhook",
        "Subscribe a URL to events: run.completed, run.confirmed, import.completed, export.ready (comma-separated). Each event is POSTed as "
        + "signed JSON (Strata-Signature: v1=HMAC-SHA256 of \"timestamp.body\"), retried with back-off up to 8 times. The host must resolve "
        + "to public addresses only (WEBHOOK_ADDRESS_REFUSED otherwise). Returns the signing secret ONCE: keep it, it is never shown again.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: false),
        [
            new("url", ParameterType.String, "The receiver's http or https URL.", Required: true),
            new("events", ParameterType.String, "The events, comma-separated (run.completed,run.confirmed,import.completed,export.ready).", Required: true),
        ],
        () => StrataJson.Wire.WebhookCreated,
        async (call, ct) => OperationResult.Of(
            await call.Services.Webhooks.AddAsync(call.UserId, call.Arguments.RequiredString("url"), [call.Arguments.RequiredString("events")], ct),
            StrataJson.Wire.WebhookCreated, created: true))
    {
        Route = HttpRoute.Post("/v1/webhooks"),
        AnswersCreated = true,
    };

    public static readonly StrataOperation ListWebhooks = new("list_webhooks", "List webhooks",
        "Your webhooks, oldest first: URL and events (never the secret).",
        OperationTraits.Read,
        [],
        () => StrataJson.Wire.WebhookList,
        async (call, ct) => OperationResult.Of(await call.Services.Webhooks.ListAsync(call.UserId, ct), StrataJson.Wire.WebhookList))
    {
        Route = HttpRoute.Get("/v1/webhooks"),
    };

    public static readonly StrataOperation RemoveWebhook = new("remove_webhook", "Remove a webhook",
        "Remove a webhook: no event is sent to it any more, and its deliveries still waiting fail instead of being sent.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        [new("webhook_id", ParameterType.String, "The webhook's id (whk_...).", Required: true)],
        () => StrataJson.Wire.WebhookRemoved,
        async (call, ct) => OperationResult.Of(
            await call.Services.Webhooks.RemoveAsync(call.UserId, call.Arguments.RequiredString("webhook_id"), ct), StrataJson.Wire.WebhookRemoved))
    {
        Route = HttpRoute.Delete("/v1/webhooks/{webhook_id}"),
    };

    public static readonly StrataOperation ListWebhookDeliveries = new("list_webhook_deliveries", "List webhook deliveries",
        "The newest deliveries first, of one webhook or all yours, a page at a time (limit, cursor: next_cursor continues): event, status "
        + "(pending, delivered, failed), attempts, the last status code and error.",
        OperationTraits.Read,
        [new("webhook_id", ParameterType.String, "Only this webhook's deliveries (whk_...)."), CommonParameters.Limit, CommonParameters.Cursor,
         CommonParameters.IncludeTotal, CommonParameters.Skip],
        () => StrataJson.Wire.WebhookDeliveryList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Webhooks.DeliveriesAsync(call.UserId, call.Arguments.String("webhook_id"), CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.WebhookDeliveryList))
    {
        Route = HttpRoute.Get("/v1/webhooks/deliveries"),
    };
}
