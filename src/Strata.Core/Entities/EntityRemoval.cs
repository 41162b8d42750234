using Strata.Core.Entities.Splits;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Entities;

/// <summary>
/// What a delete of observations leaves to do to their entities, inside the caller's transaction: an entity that no
/// observation is on or was first written to any more existed only because of what was deleted, and goes with every row
/// that refers to it; an entity still observed (stated by another source too, or holding another's observations by a
/// merge) stays, its snapshot and identity keys computed again from what it still holds.
/// </summary>
public static class EntityRemoval
{
    /// <summary>Settles the entities the deleted observations were on or first written to; returns how many were removed.</summary>
    public static async Task<int> SettleAsync(IStoreSession session, IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        if (entityIds.Count == 0) return 0;
        var seen = new HashSet<string>(entityIds, StringComparer.Ordinal);
        var pending = new Queue<string>(seen.Order(StringComparer.Ordinal));
        // Held until commit, so no writer adds to an entity between the question whether it is observed and its removal.
        await session.Entities.LockForRemovalAsync(seen, cancellationToken);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var doomed = new HashSet<string>(StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var id))
        {
            if (kept.Contains(id) || doomed.Contains(id) || await session.Entities.GetAsync(id, cancellationToken) is not { } entity) continue;
            if (await session.Entities.IsObservedAsync(entity, cancellationToken))
            {
                kept.Add(id);
                await RefreshAsync(session, catalog, entity, cancellationToken);
                continue;
            }
            // Entities merged into it would redirect to nothing. One whose own observations survive elsewhere (split
            // off since) answers for itself again; the others are settled in turn, still merged, and go too. Asked
            // while still merged: only a merged or split entity is looked for where its observations went.
            foreach (var mergedId in await session.Splits.MergedIntoAsync(id, cancellationToken))
            {
                if (seen.Add(mergedId)) await session.Entities.LockForRemovalAsync([mergedId], cancellationToken);
                var merged = await session.Entities.GetAsync(mergedId, cancellationToken);
                if (merged is null || !await session.Entities.IsObservedAsync(merged, cancellationToken))
                {
                    pending.Enqueue(mergedId);
                    continue;
                }
                kept.Add(mergedId);
                await session.Splits.ReopenAsync(mergedId, cancellationToken);
                await RefreshAsync(session, catalog, merged with { MergedInto = null, MergedAt = null }, cancellationToken);
            }
            doomed.Add(id);
        }
        // All at once: several of their tables are scanned to find what names them.
        return await session.Entities.DeleteAsync(doomed, cancellationToken);
    }

    /// <summary>A merged entity keeps its keys (they lead to the entity it was merged into) and only its (empty) snapshot
    /// is written again; any other gets both from the observations it holds now.</summary>
    private static async Task RefreshAsync(IStoreSession session, SchemaCatalog catalog, Entity entity, CancellationToken cancellationToken)
    {
        if (entity.MergedInto is null) await SplitService.RefreshAsync(session, catalog, entity, cancellationToken);
        else await SnapshotRefresher.RefreshAsync(session, catalog, entity, cancellationToken);
    }
}
