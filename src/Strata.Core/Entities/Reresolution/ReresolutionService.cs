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
        if (dryRun)
        {
            await using var read = await store.OpenReadAsync(userId, cancellationToken);
            var (_, entities, plannedSplits, plannedMerges) = await PlanAsync(read, type, entityType, cancellationToken);
            var planned = new List<ReresolveMove>();
            planned.AddRange(plannedSplits.Select(s => new ReresolveMove("split", s.EntityId, null, s.ObservationIds.Count, s.Reason)));
            planned.AddRange(plannedMerges.Select(m => new ReresolveMove("merge", m.From.Id, m.To.Id, null, m.Reason)));
            return new ReresolveResult(true, entities, planned);
        }
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var plan = await PlanAsync(session, type, entityType, cancellationToken);
        return await ApplyAsync(session, type, plan, cancellationToken);
    }

    /// <summary>The moves re-resolution would make, read in the caller's session (a dry run's is a read session).</summary>
    private static async Task<Plan> PlanAsync(IStoreReader session, string? type, string? entityType, CancellationToken cancellationToken)
    {
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
        return new Plan(catalog, entities.Count, plannedSplits, plannedMerges);
    }

    /// <summary>Makes the planned moves and records every entity's keys again; commits.</summary>
    private async Task<ReresolveResult> ApplyAsync(IStoreSession session, string? type, Plan plan, CancellationToken cancellationToken)
    {
        var (catalog, entities, plannedSplits, plannedMerges) = plan;
        var moves = new List<ReresolveMove>();
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
        return new ReresolveResult(false, entities, moves);
    }

    /// <summary>Every unmerged entity of the type (or of every type), read in full before anything moves.</summary>
    private static async Task<List<Entity>> UnmergedAsync(IStoreReader session, string? type, CancellationToken cancellationToken)
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

    private sealed record Plan(SchemaCatalog Catalog, int Entities, List<ReresolutionPlan.PlannedSplit> Splits, List<ReresolutionPlan.PlannedMerge> Merges);
}
