using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Relations;

/// <summary>
/// Writes the relations of one run as observations, inside the caller's transaction (the run's last slice, so the run
/// completes with them or not at all). Ids derive from the run, <c>keyPrefix</c> (an LLM run's item) and the relation's
/// place in it: a retried run writes nothing twice. A relation of a type with one current relation per entity (built in or declared by the user's schemas)
/// also writes the end of the one it replaces.
/// </summary>
public static class RelationWriter
{
    public static async Task<IReadOnlyList<StoredRelation>> WriteAsync(IStoreSession session, RelationTypeCatalog types,
        IReadOnlyList<RelationInput> inputs, IReadOnlyList<StoredEntity> entities, string runId, string sourceId, int priority, DateTimeOffset now,
        CancellationToken cancellationToken, string keyPrefix = "")
    {
        var written = new List<StoredRelation>(inputs.Count);
        // Every end in one read (not two per relation); the observations go in as one batch, flushed early only where a
        // one-current type must see the relations before it (two works_at for one person in one call: the second ends the first).
        var ends = await ResolveAllAsync(session, inputs, entities, cancellationToken);
        var pending = new List<RelationObservation>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            // Crash tests stop here with a relation written and the next not, inside the transaction.
            if (i > 0) await HoldPoint.ReachedAsync("relation-write", cancellationToken);
            var input = inputs[i];
            var from = ends[EndId(input.From, entities)];
            var to = ends[EndId(input.To, entities)];
            var type = types.Find(input.RelationType);
            if (!input.Retract) CheckEnds(type, (from.EntityType, from.Id), (to.EntityType, to.Id), i);

            var key = keyPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var observation = new RelationObservation(StrataIds.RelationObservation(runId, key),
                from.Id, input.RelationType, to.Id, input.Retract ? RelationStates.Retracted : RelationStates.Asserted, input.PropertiesJson,
                input.ValidFrom, input.ValidTo, EffectiveAt(input, now), now, priority, runId, sourceId);
            var ended = 0;
            if (type.OneCurrentPerFrom && !input.Retract && input.ValidTo is null)
            {
                await FlushAsync(session, pending, cancellationToken);
                var replaced = await EndsOfReplacedAsync(session, observation, key, cancellationToken);
                ended = replaced.Count;
                pending.Add(observation);
                pending.AddRange(replaced);
            }
            else
            {
                pending.Add(observation);
            }
            written.Add(new StoredRelation(observation.Id, from.Id, input.RelationType, to.Id, observation.State, ended));
        }
        await FlushAsync(session, pending, cancellationToken);
        return written;
    }

    private static async Task FlushAsync(IStoreSession session, List<RelationObservation> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0) return;
        await session.Relations.InsertAsync(pending.ToList(), cancellationToken);
        pending.Clear();
    }

    private static string EndId(RelationEnd end, IReadOnlyList<StoredEntity> entities) =>
        end.Index is { } index ? entities[index].EntityId : end.EntityId!;

    /// <summary>Each end's entity as it answers now (itself, or what it was merged into), by the id the caller gave; a
    /// missing one (or another user's: no relation ever joins two users' entities) refuses the write, the first in
    /// the order the relations name them.</summary>
    private static async Task<Dictionary<string, Entity>> ResolveAllAsync(IStoreReader session, IReadOnlyList<RelationInput> inputs,
        IReadOnlyList<StoredEntity> entities, CancellationToken cancellationToken)
    {
        var ids = inputs.SelectMany(input => new[] { EndId(input.From, entities), EndId(input.To, entities) }).Distinct(StringComparer.Ordinal).ToList();
        var found = await session.Entities.GetManyAsync(ids, cancellationToken);
        var ends = new Dictionary<string, Entity>(ids.Count, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var entity)) throw EntityAccess.NotFound(id);
            ends[id] = await ObservationWriter.FollowMergesAsync(session.Entities, entity, cancellationToken);
        }
        return ends;
    }

    /// <summary>A fact stated about the past counts in views of the past; anything else from when it was written.</summary>
    private static DateTimeOffset EffectiveAt(RelationInput input, DateTimeOffset now) =>
        !input.Retract && input.ValidFrom is { } validFrom && validFrom < now ? validFrom : now;

    /// <summary>The relations of the same type this one replaces, each ended where the new one starts.</summary>
    private static async Task<List<RelationObservation>> EndsOfReplacedAsync(IStoreSession session, RelationObservation replacing, string key,
        CancellationToken cancellationToken)
    {
        var end = replacing.ValidFrom ?? replacing.ObservedAt;
        // Writers of the same entity's one-at-a-time relation take turns: each must see what the one before it wrote.
        await session.Entities.LockAsync([replacing.FromEntityId], cancellationToken);
        var holding = await session.Relations.HoldingAsync([replacing.FromEntityId], end, cancellationToken);
        return holding
            .Where(other => other.FromEntityId == replacing.FromEntityId && other.RelationType == replacing.RelationType && other.ToEntityId != replacing.ToEntityId)
            .Select(other => other with
            {
                Id = StrataIds.RelationObservation(replacing.RunId, $"{key}:ends:{other.ToEntityId}"),
                ValidTo = end,
                // Must win the reduction over what it ends: at least its priority, and observed later.
                Priority = Math.Max(other.Priority, replacing.Priority),
                ObservedAt = replacing.ObservedAt,
                RunId = replacing.RunId,
                SourceId = replacing.SourceId,
            })
            .ToList();
    }

    /// <summary>Refuses ends the type does not allow; each end is its entity type and how the caller knows it.</summary>
    public static void CheckEnds(RelationType type, (string Type, string Name) from, (string Type, string Name) to, int index)
    {
        if (type.FromTypes.Count > 0 && !type.FromTypes.Contains(from.Type))
        {
            throw StrataException.Validation($"relations[{index}]: a {type.Name} relation starts from {string.Join(" or ", type.FromTypes)}, not {from.Type} ({from.Name}).");
        }
        if (type.ToTypes.Count > 0 && !type.ToTypes.Contains(to.Type))
        {
            throw StrataException.Validation($"relations[{index}]: a {type.Name} relation points at {string.Join(" or ", type.ToTypes)}, not {to.Type} ({to.Name}).");
        }
    }
}
