using Strata.Core.Operations;
using Strata.Core.Review;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>One project: its review counts (get_review_progress), its documents (list_documents) with their status, the
/// block runs over them (list_block_runs) leading to the review grid, the multi-file upload, and a delete for the project
/// and each document. live.js keeps the
/// counts, statuses and runs current from the page's server-sent events.</summary>
internal static class ProjectPage
{
    /// <summary>Documents listed per page (list_documents' limit); the page links to the next by its cursor.</summary>
    public const string PageSize = "100";

    public static Html Render(WebSession session, ProjectView project, ProjectProgress progress, DocumentList documents, string? cursor,
        BlockRunList runs, BlockSchemaList schemas, DeletionView? deleted) =>
        Layout.Page(project.Name, session, Html.Of($"""
        {DeletePages.Notice(deleted)}
        <h1 data-events="/page-api/projects/{project.ProjectId}/events{(cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor))}">{project.Name}</h1>
        <p><a class="delete" href="/projects/{project.ProjectId}/delete">Delete this project…</a></p>
        <section aria-labelledby="counts-title">
        <h2 id="counts-title">Review</h2>
        <dl class="counts">{Counts(progress.Counts)}</dl>
        </section>
        <section aria-labelledby="upload-title">
        <h2 id="upload-title">Add documents</h2>
        <form class="upload" data-upload="/page-api/projects/{project.ProjectId}/uploads">
        <label for="files">Files (or drop them here)</label>
        <input id="files" name="files" type="file" multiple>
        <button type="submit">Upload</button>
        </form>
        <ul class="upload-status" aria-live="polite"></ul>
        </section>
        <section aria-labelledby="apply-title">
        <h2 id="apply-title">Run a block schema</h2>
        {(schemas.Items.Count == 0 ? Html.Of($"<p>No block schema yet: register one with <code>strata block-schemas register FILE</code>.</p>") : Html.Of($"""
            <form class="apply" method="post" action="/projects/{project.ProjectId}/apply">
            <input type="hidden" name="{PageEndpoint.CsrfField}" value="{session.CsrfToken}">
            <label for="schema">Block schema</label>
            <select id="schema" name="schema_ref">{schemas.Items.Select(s => Html.Of($"""<option value="{s.SchemaRef}">{s.SchemaRef} v{s.Version}</option>"""))}</select>
            <button type="submit">Run over every document</button>
            </form>
            """))}
        </section>
        <section aria-labelledby="documents-title">
        <h2 id="documents-title">Documents</h2>
        <table class="list">
        <thead><tr><th scope="col">Document</th><th scope="col">Status</th><th scope="col">Blocks</th><th scope="col">Block runs</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>{documents.Documents.Select(d => Row(d, runs.Items.Where(r => r.DocumentId == d.DocumentId).ToList()))}</tbody>
        </table>
        {Pager(project, documents, cursor)}
        </section>
        """));

    /// <summary>How many documents the project has, and links to the first page and the next (keyset paging: no page numbers).</summary>
    private static Html Pager(ProjectView project, DocumentList documents, string? cursor)
    {
        var path = $"/projects/{Uri.EscapeDataString(project.ProjectId)}";
        var first = cursor is null ? Html.Empty : Html.Of($"""<a href="{path}">First page</a> """);
        var next = documents.NextCursor is null ? Html.Empty
            : Html.Of($"""<a href="{path}?cursor={Uri.EscapeDataString(documents.NextCursor)}" rel="next">Next {PageSize} documents</a>""");
        return Html.Of($"""<p class="pager"><span class="doc-total">{documents.Documents.Count} of {documents.Total ?? documents.Documents.Count} documents shown.</span> {first}{next}</p>""");
    }

    private static Html Counts(ReviewCounts counts) => Html.Of($"""
        <div class="pending"><dt>Pending</dt><dd data-count="pending">{counts.Pending + counts.Claimed}</dd></div>
        <div class="staged"><dt>Staged</dt><dd data-count="staged">{counts.Staged}</dd></div>
        <div class="confirmed"><dt>Confirmed</dt><dd data-count="confirmed">{counts.Confirmed}</dd></div>
        <div class="failed"><dt>Failed</dt><dd data-count="failed">{counts.Failed}</dd></div>
        """);

    private static Html Row(DocumentView document, IReadOnlyList<BlockRunView> runs) => Html.Of($"""
        <tr data-document="{document.DocumentId}"><td>{document.Name}</td><td class="doc-status"><span class="status {document.Status}">{document.Status}</span>{(document.Error is null ? Html.Empty : Html.Of($" {document.Error}"))}</td>
        <td class="doc-blocks">{document.BlockCount}</td>
        <td class="doc-runs">{(runs.Count == 0 ? Html.Of($"none") : Html.Join(runs.Select(r => Html.Of($"""<a href="/runs/{r.RunId}">{r.SchemaRef} v{r.SchemaVersion}</a> <span>({r.Status})</span> """))))}</td>
        <td><a class="delete" href="/documents/{document.DocumentId}/delete">Delete<span class="visually-hidden"> {document.Name}</span>…</a></td></tr>
        """);
}
