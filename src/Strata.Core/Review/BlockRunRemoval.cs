using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>Deletes one block run inside the caller's transaction: its values, items, the observations its confirmed
/// values became (the snapshots they fed are computed again without them), and the run.</summary>
internal static class BlockRunRemoval
{
    public static async Task<DeleteBlockRunResult> DeleteAsync(IStoreSession session, string runId, CancellationToken cancellationToken)
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
        return new DeleteBlockRunResult(runId, items, values, observations);
    }
}
