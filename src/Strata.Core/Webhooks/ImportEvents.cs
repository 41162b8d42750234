using Strata.Core.Imports;
using Strata.Core.Storage;

namespace Strata.Core.Webhooks;

/// <summary>The <c>import.completed</c> event: a chat import stopped changing on its own — its quick pass is ready and
/// no full pass follows, or its full pass ended (complete, or failed). Emitted in the transaction that settles the
/// import. The event key is the import and its status, so an import that is resumed and ends again is reported again.</summary>
public static class ImportEvents
{
    public static Task<int> CompletedAsync(IStoreSession session, ChatImport import, CancellationToken cancellationToken) =>
        WebhookEmitter.EmitAsync(session, WebhookEvents.ImportCompleted, import.Id + ":" + import.Status + ":" + import.ConversationsPassed,
            import.UpdatedAt, json =>
            {
                json.WriteString("import_id", import.Id);
                json.WriteString("provider", import.Provider);
                json.WriteString("status", import.Status);
                json.WriteNumber("conversations_read", import.ConversationsRead);
                json.WriteNumber("conversations_added", import.ConversationsAdded);
                json.WriteNumber("messages_read", import.MessagesRead);
                json.WriteNumber("facts_found", import.FactsFound);
                json.WriteString("error", import.Error);
            }, cancellationToken);
}
