using Strata.Core.Entities.Identity;
using Strata.Core.Entities.Splits;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Entities.Reresolution;

/// <summary>
/// <c>reresolve</c>: after a schema's identity declaration changed, re-derives which observations belong together, in one
/// transaction (<see cref="ReresolutionPlan"/>). Nothing is edited in place: observations move by audited splits and merges
/// (each undoable: a split by merging back, a merge by <c>unmerge</c>), and every entity's identity keys are recorded
/// again so later records find it by the new keys. <c>dry_run</c> reports the same moves and changes nothing.
/// </summary>
public sealed class ReresolutionService(IStrataStore store, SplitService splits, TimeProvider clock)
{
    /// <summary>At most this many entities are re-resolved by one call (their ids are held while the plan is made).</summary>
    public const int MaxEntities = 200_000;

    public async Task<ReresolveResult> ReresolveAsync(string userId, string? entityType, bool dryRun, CancellationToken cancellationToken)
    {
        var type = entityType?.Trim().ToLowerInvariant();
        await using var session = await store.OpenAsync(userId, write: !dryRun, cancellationToken);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        if (type is not null && catalog.Find(type) is null && type != BuiltInSchemas.Generic)
        {
            throw new StrataException(ErrorCodes.SchemaNotFound, $"No schema for type '{entityType}'.");
        }
        var entities = await UnmergedAsync(session, type, cancellationToken);
        var loaded = new List<ReresolutionPlan.EntityObservations>(entities.Count);
        foreach (var entity in entities)
        {
            loaded.Add(new(entity, await session.Observations.ListForEntityAsync(entity.Id, null, cancellationToken)));
        }
        var (plannedSplits, plannedMerges) = ReresolutionPlan.Of(catalog, loaded);
        var moves = new List<ReresolveMove>();
        if (dryRun)
        {
            moves.AddRange(plannedSplits.Select(s => new ReresolveMove("split", s.EntityId, null, s.ObservationIds.Count, s.Reason)));
            moves.AddRange(plannedMerges.Select(m => new ReresolveMove("merge", m.From.Id, m.To.Id, null, m.Reason)));
            return new ReresolveResult(true, entities.Count, moves);
        }

        foreach (var split in plannedSplits)
        {
            var done = await splits.SplitInAsync(session, split.EntityId, new SplitSelection(split.ObservationIds), split.Reason, cancellationToken);
            moves.Add(new ReresolveMove("split", done.FromEntityId, done.ToEntityId, done.ObservationsMoved, split.Reason));
        }
        var now = clock.GetUtcNow();
        foreach (var merge in plannedMerges)
        {
            var done = await MergeService.MergeInAsync(session, merge.From, merge.To, merge.Reason, now, cancellationToken);
            moves.Add(new ReresolveMove("merge", done.FromEntityId, done.ToEntityId, done.ObservationsMoved, merge.Reason));
        }
        // Every entity's keys again, under the declaration in force now.
        foreach (var entity in await UnmergedAsync(session, type, cancellationToken))
        {
            var observations = await session.Observations.ListForEntityAsync(entity.Id, null, cancellationToken);
            await session.EntityKeys.RemoveEntityAsync(entity.Id, cancellationToken);
            await session.EntityKeys.AddAsync(ObservationIdentity.KeysOf(catalog, entity, observations), cancellationToken);
        }
        await session.CommitAsync(cancellationToken);
        return new ReresolveResult(false, entities.Count, moves);
    }

    /// <summary>Every unmerged entity of the type (or of every type), read in full before anything moves.</summary>
    private static async Task<List<Entity>> UnmergedAsync(IStoreSession session, string? type, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await session.Entities.QueryAsync(new EntityQuery(type, null, false, new Paging(Paging.MaxLimit, Cursor: cursor)), cancellationToken);
            ids.AddRange(page.Items.Select(s => s.EntityId));
            if (ids.Count > MaxEntities)
            {
                throw StrataException.Validation($"More than {MaxEntities} entities is more than one re-resolution takes; re-resolve one type at a time.");
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        var found = await session.Entities.GetManyAsync(ids.Distinct().ToList(), cancellationToken);
        return ids.Distinct().Where(found.ContainsKey).Select(id => found[id]).ToList();
    }
}
