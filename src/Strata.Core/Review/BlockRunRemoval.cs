using Strata.Core.Deletions;
using Strata.Core.Hashing;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>Deletes one block run inside the caller's transaction: its values, items, the observations its confirmed
/// values became (the snapshots they fed are computed again without them), and the run; audited as a deletion.
/// Deleting a document or a project deletes its block runs with <see cref="DeleteForDocumentAsync"/> first.</summary>
public static class BlockRunRemoval
{
    /// <summary>Every block run of a document, for the document's own delete (inside its transaction).</summary>
    public static async Task<IReadOnlyList<DeleteBlockRunResult>> DeleteForDocumentAsync(IStoreSession session, string documentId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var removed = new List<DeleteBlockRunResult>();
        foreach (var run in await session.Review.ListRunsAsync(documentId, null, null, cancellationToken))
        {
            removed.Add(await DeleteAsync(session, run.RunId, now, cancellationToken));
        }
        return removed;
    }

    public static async Task<DeleteBlockRunResult> DeleteAsync(IStoreSession session, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entities = new HashSet<string>(StringComparer.Ordinal);
        var after = -1;
        while (true)
        {
            var page = await session.Review.ListValuesAsync(runId, BlockValueStates.Confirmed, after, 500, cancellationToken);
            if (page.Count == 0) break;
            foreach (var value in page) if (value.EntityId is { } id) entities.Add(id);
            after = page[^1].BlockIndex;
        }
        var (items, values, observations) = await session.Review.DeleteRunAsync(runId, cancellationToken);
        if (entities.Count > 0)
        {
            var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
            foreach (var entity in (await session.Entities.GetManyAsync(entities, cancellationToken)).Values)
            {
                await SnapshotRefresher.RefreshAsync(session, catalog, entity, cancellationToken);
            }
        }
        await session.Deletions.InsertAsync(new Deletion(StrataIds.NewDeletion(), session.UserId, "block_run", runId, null,
            new Dictionary<string, long> { ["block_items"] = items, ["block_values"] = values, ["observations"] = observations }, now), cancellationToken);
        return new DeleteBlockRunResult(runId, items, values, observations);
    }
}
