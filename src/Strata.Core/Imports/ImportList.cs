namespace Strata.Core.Imports;

/// <summary>A page of the user's imports, newest first (<c>list_imports</c>).</summary>
public sealed record ImportList(IReadOnlyList<ImportSummary> Imports, string? NextCursor, int? Total);

/// <summary>One import in a list: what kind it is (the export's provider: chatgpt, claude or messages), where it stands
/// and its last error; <c>get_import</c> gives the rest.</summary>
public sealed record ImportSummary(
    string ImportId,
    string Kind,
    string Status,
    string? Error,
    string? FileName,
    ChatImportCounts Counts,
    ChatImportProgressView Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ImportSummary Of(ChatImport import)
    {
        var view = ChatImportView.Of(import);
        return new(view.ImportId, view.Provider, view.Status, view.Error, view.FileName, view.Counts, view.Progress, view.CreatedAt, view.UpdatedAt);
    }
}
