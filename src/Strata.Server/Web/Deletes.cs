using Microsoft.AspNetCore.Builder;
using Strata.Core.Operations;
using Strata.Server.Operations;
using Strata.Server.Web.Views;

namespace Strata.Server.Web;

/// <summary>
/// Deleting a project or a document from the page (docs/web.md): a GET asks <c>preview_deletion</c> what will go and
/// states it (as the session's user, so another user's id answers as a missing one); only the confirmation's form post,
/// CSRF-protected, calls <c>delete_project</c> or <c>delete_document</c> — the operations REST, MCP and the CLI call — then
/// opens the list the deleted thing was in, with a notice of what went read from the delete's audit row.
/// </summary>
internal static class Deletes
{
    /// <summary>The audit rows a notice is looked for in: a project's delete writes one per block run before its own.</summary>
    private const string RecentDeletions = "500";

    public static void MapDeletes(this WebApplication app)
    {
        app.MapGet("/projects/{project}/delete", PageEndpoint.Page(async page =>
        {
            var preview = await page.GetAsync<DeletionPreview>(ProjectOperations.PreviewDeletion.Name, ("project", page.Route("project")));
            var path = $"/projects/{Uri.EscapeDataString(preview.Id)}";
            return DeletePages.Confirm(page.Session, preview, $"{path}/delete", path);
        }));
        app.MapPost("/projects/{project}/delete", PageEndpoint.Form(async page =>
        {
            var deleted = await page.GetAsync<DeleteResult>(ProjectOperations.DeleteProject.Name, ("project", page.Route("project")));
            return $"/?deleted={Uri.EscapeDataString(deleted.DeletionId)}";
        }));
        app.MapGet("/documents/{document_id}/delete", PageEndpoint.Page(async page =>
        {
            var document = await page.GetAsync<DocumentView>(DocumentOperations.GetDocument.Name, ("document_id", page.Route("document_id")));
            var preview = await page.GetAsync<DeletionPreview>(ProjectOperations.PreviewDeletion.Name, ("document_id", document.DocumentId));
            return DeletePages.Confirm(page.Session, preview, $"/documents/{Uri.EscapeDataString(document.DocumentId)}/delete",
                $"/projects/{Uri.EscapeDataString(document.ProjectId)}");
        }));
        app.MapPost("/documents/{document_id}/delete", PageEndpoint.Form(async page =>
        {
            var document = await page.GetAsync<DocumentView>(DocumentOperations.GetDocument.Name, ("document_id", page.Route("document_id")));
            var deleted = await page.GetAsync<DeleteResult>(DocumentOperations.DeleteDocument.Name, ("document_id", document.DocumentId));
            return $"/projects/{Uri.EscapeDataString(document.ProjectId)}?deleted={Uri.EscapeDataString(deleted.DeletionId)}";
        }));
    }

    /// <summary>The delete the redirect named (<c>?deleted=</c>), read from the user's own audit (list_deletions): another
    /// user's deletion id, or one no longer among the newest, shows no notice.</summary>
    public static async Task<DeletionView?> JustDoneAsync(PageRequest page)
    {
        if (page.Query("deleted") is not { Length: > 0 } id) return null;
        var recent = await page.GetAsync<DeletionList>(ProjectOperations.ListDeletions.Name, ("limit", RecentDeletions));
        return recent.Deletions.FirstOrDefault(d => d.DeletionId == id);
    }
}
