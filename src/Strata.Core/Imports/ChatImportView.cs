namespace Strata.Core.Imports;

/// <summary>An import as every surface shows it (<c>import_chat</c>, <c>get_import</c>, <c>resume_import</c>).</summary>
public sealed record ChatImportView(
    string ImportId,
    string Provider,
    string Status,
    string? FileName,
    string PipelineVersion,
    ChatImportCounts Counts,
    ChatImportProgressView Progress,
    HistoryProfileView? Profile,
    string? Error,
    bool FullPassQueued,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ProjectsSourceId = null)
{
    public static ChatImportView Of(ChatImport import, bool fullPassQueued = false) => new(
        import.Id, import.Provider, import.Status, import.FileName, import.PipelineVersion,
        new ChatImportCounts(import.ConversationsRead, import.ConversationsAdded, import.ConversationsUnchanged, import.MessagesRead, import.FactsFound,
            import.ConversationsEmpty),
        new ChatImportProgressView(import.ConversationsRead, import.ConversationsPassed,
            import.ConversationsRead == 0 ? 0 : Math.Round((double)import.ConversationsPassed / import.ConversationsRead, 4)),
        import.ProfileJson is null ? null : System.Text.Json.JsonSerializer.Deserialize(import.ProfileJson, ImportsJsonContext.Default.HistoryProfileView),
        import.Error, fullPassQueued, import.CreatedAt, import.UpdatedAt, import.ProjectsSourceId);
}

/// <param name="ConversationsAdded">New or changed conversations: each a new source.</param>
/// <param name="ConversationsUnchanged">Conversations already stored with the same content: nothing added for them.</param>
/// <param name="ConversationsEmpty">Conversations with no message: counted in <paramref name="Conversations"/>, never stored.</param>
public sealed record ChatImportCounts(int Conversations, int ConversationsAdded, int ConversationsUnchanged, int Messages, int Facts,
    int ConversationsEmpty = 0);

/// <param name="FullPassFraction">0–1: the share of the import's conversations the full pass has finished.</param>
public sealed record ChatImportProgressView(int QuickPassConversations, int FullPassConversations, double FullPassFraction);
