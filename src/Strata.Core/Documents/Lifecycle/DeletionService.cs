using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Documents.Lifecycle;

/// <summary>
/// <c>delete_document</c>, <c>delete_project</c>, <c>preview_deletion</c> and <c>list_deletions</c>. Deleting is explicit
/// and the only way history goes: each delete checks ownership (another user's id answers as a missing one), removes
/// everything in one transaction with its audit row, then the bytes no source names any more, and answers what it
/// removed. A preview reads the same ownership and counts in one read session, and writes nothing.
/// </summary>
public sealed class DeletionService(IStrataStore store, IBlobStore blobs, TimeProvider clock)
{
    public async Task<DeleteResult> DeleteDocumentAsync(string userId, string documentId, CancellationToken cancellationToken)
    {
        DocumentRemoval removal;
        Core.Deletions.Deletion audit;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            await session.Documents.LockAsync(documentId, cancellationToken);
            var document = await DocumentService.RequireAsync(session, documentId, cancellationToken);
            removal = new DocumentRemoval(session, clock.GetUtcNow());
            await removal.RemoveAsync(document, cancellationToken);
            audit = await removal.AuditAsync("document", document.Id, document.Name, projects: 0, clock.GetUtcNow(), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        return await ResultAsync(removal, audit, cancellationToken);
    }

    public async Task<DeleteResult> DeleteProjectAsync(string userId, string project, CancellationToken cancellationToken)
    {
        DocumentRemoval removal;
        Core.Deletions.Deletion audit;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            await session.Projects.LockAsync((await ProjectService.ResolveAsync(session, project, cancellationToken)).Id, cancellationToken);
            // Read again once held: a delete that was first has removed it.
            var target = await ProjectService.ResolveAsync(session, project, cancellationToken);
            removal = new DocumentRemoval(session, clock.GetUtcNow());
            foreach (var document in await session.Documents.ListAllAsync(target.Id, cancellationToken))
            {
                await removal.RemoveAsync(document, cancellationToken);
            }
            var projects = await session.Projects.DeleteAsync(target.Id, cancellationToken) ? 1 : 0;
            audit = await removal.AuditAsync("project", target.Id, target.Name, projects, clock.GetUtcNow(), cancellationToken);
            await HoldPoint.ReachedAsync("project-delete", cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        return await ResultAsync(removal, audit, cancellationToken);
    }

    /// <summary>What deleting the project (by id or name) or the document would remove; exactly one of them is given.</summary>
    public async Task<DeletionPreview> PreviewAsync(string userId, string? project, string? documentId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(project) == string.IsNullOrWhiteSpace(documentId))
        {
            throw StrataException.Validation("Give exactly one of 'project' (a project's id or name) or 'document_id' (a document's id).");
        }
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        if (!string.IsNullOrWhiteSpace(documentId))
        {
            var document = await DocumentService.RequireAsync(session, documentId, cancellationToken);
            var counts = await session.Deletions.CountAsync(null, document.Id, cancellationToken);
            return new DeletionPreview("document", document.Id, document.Name, counts,
                "Its source goes too, with its bytes, unless another document or an interpretation run also uses it: then it stays.",
                Entities(counts));
        }
        var target = await ProjectService.ResolveAsync(session, project!, cancellationToken);
        var all = await session.Deletions.CountAsync(target.Id, null, cancellationToken);
        return new DeletionPreview("project", target.Id, target.Name, all,
            "Each document's source goes too, with its bytes, unless a document of another project or an interpretation run also uses it: then it stays.",
            Entities(all));
    }

    /// <summary>Which entities go depends on what else observes them, known only while removing: said in words.</summary>
    private static string Entities(Core.Deletions.DeletionCounts counts) => counts.ConfirmedValues == 0 && counts.Observations == 0
        ? "No value was confirmed: no entity changes."
        : "An entity that exists only by the observations these confirmed values became goes with them; an entity something else also "
            + "observes stays, its snapshot computed again without them.";

    public async Task<DeletionList> ListAsync(string userId, Paging paging, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var page = await session.Deletions.ListAsync(paging.Validated(), cancellationToken);
        return new DeletionList(page.Items.Select(DocumentViews.Of).ToList(), page.NextCursor, page.Total);
    }

    private async Task<DeleteResult> ResultAsync(DocumentRemoval removal, Core.Deletions.Deletion audit, CancellationToken cancellationToken)
    {
        var removed = new Dictionary<string, long>(audit.Removed)
        {
            ["blobs"] = await removal.DeleteBlobsAsync(store, blobs, cancellationToken),
        };
        return new DeleteResult(audit.Id, audit.SubjectKind, audit.SubjectId, audit.SubjectName, removed);
    }
}
