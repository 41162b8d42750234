using Strata.Core.Deletions;
using Strata.Core.Entities;
using Strata.Core.Hashing;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>Deletes one block run inside the caller's transaction: its values, items, the observations its confirmed
/// values became, the entities that existed only by them (<see cref="EntityRemoval"/>; the others' snapshots are computed
/// again without them), and the run; audited as a deletion.
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
        var removed = await session.Review.DeleteRunAsync(runId, cancellationToken);
        var entities = await EntityRemoval.SettleAsync(session, removed.Entities, cancellationToken);
        await session.Deletions.InsertAsync(new Deletion(StrataIds.NewDeletion(), session.UserId, "block_run", runId, null,
            new Dictionary<string, long>
            {
                ["block_items"] = removed.Items, ["block_values"] = removed.Values, ["observations"] = removed.Observations, ["entities"] = entities,
            }, now), cancellationToken);
        return new DeleteBlockRunResult(runId, removed.Items, removed.Values, removed.Observations, entities);
    }
}
