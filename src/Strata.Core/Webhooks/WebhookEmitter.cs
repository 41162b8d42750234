using System.Text;
using System.Text.Json;
using Strata.Core.Hashing;
using Strata.Core.Jobs;
using Strata.Core.Storage;

namespace Strata.Core.Webhooks;

/// <summary>
/// Emits an event to the session user's webhooks that subscribe to it, inside the caller's transaction: for each, a
/// delivery row holding the exact body, and its delivery job. So an event is delivered if and only if what it reports
/// committed, and only to hooks of the user whose session wrote it. The delivery id derives from the webhook, the
/// event type and the event's key (a run id, an import id), so emitting the same event again adds nothing, and a
/// receiver dedupes on it (it is the <c>Strata-Webhook-Id</c> header and the body's <c>id</c>).
/// </summary>
public static class WebhookEmitter
{
    /// <summary>Attempts of one delivery before it is failed (the waits are <see cref="WebhookOptions.Backoff"/>).</summary>
    public const int MaxAttempts = 8;

    public static async Task<int> EmitAsync(IStoreSession session, string eventType, string eventKey, DateTimeOffset now,
        Action<Utf8JsonWriter> writeData, CancellationToken cancellationToken)
    {
        var emitted = 0;
        foreach (var webhook in await session.Webhooks.ListAsync(cancellationToken))
        {
            if (!webhook.Wants(eventType)) continue;
            var id = DeliveryId(webhook.Id, eventType, eventKey);
            var delivery = new WebhookDelivery(id, webhook.Id, eventType, Body(id, eventType, now, writeData), WebhookDeliveryStatuses.Pending,
                0, null, null, now, now, null);
            if (!await session.Webhooks.InsertDeliveryAsync(delivery, cancellationToken)) continue;
            await session.Jobs.EnqueueAsync(new JobRequest(JobKinds.WebhookDelivery, JobPayload.Of("delivery_id", id), session.UserId)
            {
                MaxAttempts = MaxAttempts,
                Subject = id,
                UniqueKey = "webhook.delivery:" + id,
            }, cancellationToken);
            emitted++;
        }
        return emitted;
    }

    public static string DeliveryId(string webhookId, string eventType, string eventKey) =>
        "whd_" + Sha256Hex.OfParts("webhook-delivery", webhookId, eventType, eventKey)[..24];

    private static string Body(string id, string eventType, DateTimeOffset now, Action<Utf8JsonWriter> writeData)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("type", eventType);
            json.WriteString("created_at", now.UtcDateTime);
            json.WritePropertyName("data");
            json.WriteStartObject();
            writeData(json);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
