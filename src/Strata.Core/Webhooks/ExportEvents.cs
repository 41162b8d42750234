using Strata.Core.Storage;

namespace Strata.Core.Webhooks;

/// <summary>The <c>export.ready</c> event. Exports are streamed to their caller as they are written, so there is no
/// stored file to point at: the event says that an export finished writing (an archive today) and what it held. It is
/// emitted in a transaction of its own once the last byte is flushed; each export is its own event.</summary>
public static class ExportEvents
{
    public static async Task ReadyAsync(IStrataStore store, string userId, string export, DateTimeOffset now, Action<System.Text.Json.Utf8JsonWriter> writeData,
        CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var key = export + ":" + Guid.CreateVersion7().ToString("N");
        if (await WebhookEmitter.EmitAsync(session, WebhookEvents.ExportReady, key, now, json =>
            {
                json.WriteString("export", export);
                writeData(json);
            }, cancellationToken) > 0)
        {
            await session.CommitAsync(cancellationToken);
        }
    }
}
