using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Metrics;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Entities;

/// <summary>
/// <c>merge_entities</c>, in one transaction: observations move to the target, the source entity is marked merged
/// (reads and later writes redirect), an audit row records it, and the target's snapshot is recomputed.
/// </summary>
public sealed class MergeService(IStrataStore store, StrataMetrics metrics, TimeProvider clock)
{
    public async Task<MergeResult> MergeAsync(string userId, string fromEntityId, string toEntityId, string? reason,
        CancellationToken cancellationToken)
    {
        if (fromEntityId == toEntityId)
        {
            throw StrataException.Validation("An entity cannot be merged into itself: from and to are the same.");
        }
        if (reason is { Length: > CorrectionService.MaxReasonLength })
        {
            throw StrataException.Validation($"reason must be at most {CorrectionService.MaxReasonLength} characters.");
        }

        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var merged = await EntityAccess.GetForChangeAsync(session.Entities, fromEntityId, cancellationToken);
        var target = await EntityAccess.GetForChangeAsync(session.Entities, toEntityId, cancellationToken);
        await MergeRefusals.ThrowIfMergedAsync(session.Entities, merged, target, cancellationToken);
        if (merged.EntityType != target.EntityType)
        {
            throw StrataException.Validation($"Cannot merge a {merged.EntityType} into a {target.EntityType}: both must be of one type.");
        }

        var result = await MergeInAsync(session, merged, target, reason, clock.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        metrics.Merges.Inc();
        return result;
    }

    /// <summary>The merge inside the caller's transaction, of two checked, unmerged entities of one type (re-resolution
    /// makes several in one).</summary>
    public static async Task<MergeResult> MergeInAsync(IStoreSession session, Entity merged, Entity target, string? reason, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await session.Entities.LockAsync([merged.Id, target.Id], cancellationToken);
        var moved = await session.Observations.MoveAsync(merged.Id, target.Id, cancellationToken);
        // Relations follow: the reduction folds the two entities' copies of one relation into one.
        await session.Relations.MoveEndpointsAsync(merged.Id, target.Id, cancellationToken);
        await session.Entities.MarkMergedAsync(merged.Id, target.Id, now, cancellationToken);
        var mergeId = StrataIds.NewMerge();
        await session.Entities.InsertMergeAsync(new MergeRecord(mergeId, session.UserId, merged.Id, target.Id, reason, moved, now), cancellationToken);

        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        await SnapshotRefresher.RefreshAsync(session, catalog, merged with { MergedInto = target.Id, MergedAt = now }, cancellationToken);
        await SnapshotRefresher.RefreshAsync(session, catalog, target, cancellationToken);
        return new MergeResult(merged.Id, target.Id, moved, now, mergeId);
    }
}
