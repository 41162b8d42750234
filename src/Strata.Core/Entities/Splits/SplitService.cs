using Strata.Core.Entities.Identity;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Entities.Splits;

/// <summary>
/// <c>split_entity</c> and <c>unmerge</c>, the inverse of a merge, each in one transaction: the chosen observations move
/// to another entity, both snapshots and both entities' identity keys are recomputed, and an audit row records it.
/// Corrections stay on the entity where the person put them. Nothing is deleted.
/// </summary>
public sealed class SplitService(IStrataStore store, TimeProvider clock)
{
    public async Task<SplitResult> SplitAsync(string userId, string entityId, SplitSelection selection, string? reason,
        CancellationToken cancellationToken)
    {
        selection.Validate();
        CheckReason(reason);
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var result = await SplitInAsync(session, entityId, selection, reason, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The split inside the caller's transaction (re-resolution makes several in one).</summary>
    public async Task<SplitResult> SplitInAsync(IStoreSession session, string entityId, SplitSelection selection, string? reason,
        CancellationToken cancellationToken)
    {
        var entity = await EntityAccess.GetForChangeAsync(session.Entities, entityId, cancellationToken);
        if (entity.MergedInto is not null)
        {
            var chain = await MergeChain.FollowAsync(session.Entities, entity, cancellationToken);
            throw new StrataException(ErrorCodes.EntityAlreadyMerged,
                $"Cannot split {entity.Id}: {MergeChain.Describe(chain)}, so its observations are with {chain[^1].Id}; split {chain[^1].Id}, or unmerge the merge.");
        }
        await session.Entities.LockAsync([entity.Id], cancellationToken);
        var observations = await session.Observations.ListForEntityAsync(entity.Id, null, cancellationToken);
        var chosen = selection.Choose(entity.Id, observations);
        if (chosen.Count == observations.Count(o => o.Kind != ObservationKinds.Correction))
        {
            throw StrataException.Validation($"Nothing was split: that is every observation of {entity.Id}, so nothing would be left apart from it.");
        }

        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var target = await NewEntityAsync(session, catalog, entity, chosen, cancellationToken);
        var now = clock.GetUtcNow();
        await session.Entities.InsertAsync(target with { CreatedAt = now }, cancellationToken);
        var moved = await session.Splits.MoveAsync(chosen.Select(o => o.Id).ToList(), entity.Id, target.Id, cancellationToken);
        var split = new SplitRecord(StrataIds.NewSplit(), session.UserId, entity.Id, target.Id, null, reason, moved, now);
        await session.Splits.InsertAsync(split, cancellationToken);
        await RefreshAsync(session, catalog, entity, cancellationToken);
        await RefreshAsync(session, catalog, target, cancellationToken);
        return new SplitResult(split.Id, entity.Id, target.Id, moved, null, now);
    }

    public async Task<SplitResult> UnmergeAsync(string userId, string mergeId, string? reason, CancellationToken cancellationToken)
    {
        CheckReason(reason);
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var merge = await session.Splits.GetMergeAsync(mergeId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.MergeNotFound, $"No merge {mergeId}.");
        if (await session.Splits.UndoneByAsync(merge.Id, cancellationToken) is { } undoneBy)
        {
            throw StrataException.Validation($"Merge {merge.Id} was already undone (split {undoneBy}); {merge.FromEntityId} answers for itself.");
        }
        var merged = await EntityAccess.GetForChangeAsync(session.Entities, merge.FromEntityId, cancellationToken);
        var holder = await EntityAccess.GetCurrentForChangeAsync(session.Entities, merge.ToEntityId, cancellationToken);
        await session.Entities.LockAsync([merged.Id, holder.Id], cancellationToken);

        // What the merge brought: observations first written to the merged entity, or to an entity merged into it before.
        var brought = new List<string> { merged.Id };
        for (var i = 0; i < brought.Count && brought.Count <= 1000; i++)
        {
            brought.AddRange(await session.Splits.MergedIntoAsync(brought[i], cancellationToken));
        }
        var ids = await session.Splits.FirstWrittenToAsync(holder.Id, brought, cancellationToken);
        var now = clock.GetUtcNow();
        var moved = await session.Splits.MoveAsync(ids, holder.Id, merged.Id, cancellationToken);
        foreach (var original in brought)
        {
            await session.Relations.RestoreEndpointsAsync(original, holder.Id, cancellationToken);
        }
        await session.Splits.ReopenAsync(merged.Id, cancellationToken);
        var split = new SplitRecord(StrataIds.NewSplit(), session.UserId, holder.Id, merged.Id, merge.Id, reason, moved, now);
        await session.Splits.InsertAsync(split, cancellationToken);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        await RefreshAsync(session, catalog, merged with { MergedInto = null, MergedAt = null }, cancellationToken);
        await RefreshAsync(session, catalog, holder, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new SplitResult(split.Id, holder.Id, merged.Id, moved, merge.Id, now);
    }

    /// <summary>The entity the chosen observations become: its id from the first key they state together (or their
    /// content), made unique by what was chosen when that id is taken (by the entity split, say).</summary>
    private static async Task<Entity> NewEntityAsync(IStoreReader session, SchemaCatalog catalog, Entity from, List<Observation> chosen,
        CancellationToken cancellationToken)
    {
        var schema = catalog.ForEntity(from.EntityType);
        var (fields, _) = Reducer.Reduce(schema, chosen);
        var identity = ObservationIdentity.Of(catalog, from.EntityType, fields);
        var text = identity.Keys.Count > 0 ? identity.Keys[0].Text : identity.ContentKey;
        var id = StrataIds.EntityByIdentity(session.UserId, from.EntityType, text);
        if (await session.Entities.GetAsync(id, cancellationToken) is not null)
        {
            var chosenIds = string.Join(',', chosen.Select(o => o.Id).Order(StringComparer.Ordinal));
            id = StrataIds.EntityByIdentity(session.UserId, from.EntityType, $"{text}#split={Sha256Hex.Of(chosenIds)[..16]}");
            if (await session.Entities.GetAsync(id, cancellationToken) is not null)
            {
                throw StrataException.Validation($"Those observations were split off {from.Id} before, to {id}.");
            }
        }
        var name = schema.EntityType == BuiltInSchemas.Generic ? from.CanonicalName : RecordShaper.CanonicalName(schema, fields).Display;
        return new Entity(id, session.UserId, from.EntityType, name, null, null, from.CreatedAt);
    }

    /// <summary>The entity's snapshot and its identity keys, from the observations it holds now.</summary>
    public static async Task RefreshAsync(IStoreSession session, SchemaCatalog catalog, Entity entity, CancellationToken cancellationToken)
    {
        var observations = await session.Observations.ListForEntityAsync(entity.Id, null, cancellationToken);
        await session.EntityKeys.RemoveEntityAsync(entity.Id, cancellationToken);
        await session.EntityKeys.AddAsync(ObservationIdentity.KeysOf(catalog, entity, observations), cancellationToken);
        await SnapshotRefresher.SaveAsync(session, SnapshotRefresher.Prepare(catalog, entity, observations), cancellationToken);
    }

    private static void CheckReason(string? reason)
    {
        if (reason is { Length: > CorrectionService.MaxReasonLength })
        {
            throw StrataException.Validation($"reason must be at most {CorrectionService.MaxReasonLength} characters.");
        }
    }
}
