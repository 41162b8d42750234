using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Documents.Lifecycle;

/// <summary>
/// <c>delete_document</c>, <c>delete_project</c> and <c>list_deletions</c>. Deleting is explicit and the only way
/// history goes: each delete checks ownership (another user's id answers as a missing one), removes everything in one
/// transaction with its audit row, then the bytes no source names any more, and answers what it removed.
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
