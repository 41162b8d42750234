using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The confirmation of a delete, stating what preview_deletion counted, and the notice the list shows after it,
/// read from the delete's audit row.</summary>
internal static class DeletePages
{
    public static Html Confirm(WebSession session, DeletionPreview preview, string action, string cancel)
    {
        var what = $"{preview.Deleting} {preview.Name ?? preview.Id}";
        var counts = preview.Counts;
        return ConfirmPage.Render(session, new Confirmation($"Delete {preview.Name ?? preview.Id}?", $"Delete {what}?",
            $"Deleting is final: nothing here can be brought back. The delete is recorded in your deletions (list_deletions) by ids and counts.",
            action, $"Delete {preview.Deleting}", cancel)
        {
            Details = Html.Of($"""
                <table class="list removes">
                <caption>What will go with the {preview.Deleting}</caption>
                <tbody>
                {Row("documents", "Documents", counts.Documents)}
                {Row("blocks", "Blocks", counts.Blocks)}
                {Row("block_runs", "Block runs", counts.BlockRuns)}
                {Row("staged_values", "Staged values", counts.StagedValues)}
                {Row("confirmed_values", "Confirmed values", counts.ConfirmedValues)}
                {Row("observations", "Observations (the confirmed values)", counts.Observations)}
                </tbody>
                </table>
                <p class="consequence"><strong>Sources:</strong> {preview.Sources}</p>
                <p class="consequence"><strong>Entities:</strong> {preview.Entities}</p>
                """),
        });
    }

    private static Html Row(string kind, string label, long count) =>
        Html.Of($"""<tr><th scope="row">{label}</th><td data-removes="{kind}">{count}</td></tr>""");

    /// <summary>What a delete just done removed; nothing when the page was not opened by one.</summary>
    public static Html Notice(DeletionView? deletion) => deletion is null ? Html.Empty : Html.Of($"""
        <p class="notice" role="status">Deleted {deletion.Deleted} {deletion.Name ?? deletion.Id}: {Removed(deletion.Removed)}.</p>
        """);

    /// <summary>The kinds in the order a person reads them (a database may keep the audit's counts in another order).</summary>
    private static readonly string[] Order = ["documents", "blocks", "block_runs", "sources", "entities"];

    private static string Removed(IReadOnlyDictionary<string, long> removed) => string.Join(", ", removed
        .Where(c => c.Value > 0 && c.Key != "projects")
        .OrderBy(c => Array.IndexOf(Order, c.Key) is var at and >= 0 ? at : Order.Length).ThenBy(c => c.Key, StringComparer.Ordinal)
        .Select(c => Format.Count(c.Value, c.Key.Replace('_', ' '))).DefaultIfEmpty("nothing else"));
}
