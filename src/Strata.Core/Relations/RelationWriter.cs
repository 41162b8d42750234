using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Hashing;
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
        for (var i = 0; i < inputs.Count; i++)
        {
            // Crash tests stop here with a relation written and the next not, inside the transaction.
            if (i > 0) await HoldPoint.ReachedAsync("relation-write", cancellationToken);
            var input = inputs[i];
            var from = await ResolveAsync(session, input.From, entities, cancellationToken);
            var to = await ResolveAsync(session, input.To, entities, cancellationToken);
            var type = types.Find(input.RelationType);
            if (!input.Retract) CheckEnds(type, (from.EntityType, from.Id), (to.EntityType, to.Id), i);

            var key = keyPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var observation = new RelationObservation(StrataIds.RelationObservation(runId, key),
                from.Id, input.RelationType, to.Id, input.Retract ? RelationStates.Retracted : RelationStates.Asserted, input.PropertiesJson,
                input.ValidFrom, input.ValidTo, EffectiveAt(input, now), now, priority, runId, sourceId);
            var batch = new List<RelationObservation> { observation };
            if (type.OneCurrentPerFrom && !input.Retract && input.ValidTo is null)
            {
                batch.AddRange(await EndsOfReplacedAsync(session, observation, key, cancellationToken));
            }
            await session.Relations.InsertAsync(batch, cancellationToken);
            written.Add(new StoredRelation(observation.Id, from.Id, input.RelationType, to.Id, observation.State, batch.Count - 1));
        }
        return written;
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

    private static async Task<Entity> ResolveAsync(IStoreReader session, RelationEnd end, IReadOnlyList<StoredEntity> entities,
        CancellationToken cancellationToken)
    {
        var id = end.Index is { } index ? entities[index].EntityId : end.EntityId!;
        // Another user's id answers exactly as a missing one: no relation ever joins two users' entities.
        return await EntityAccess.GetCurrentForChangeAsync(session.Entities, id, cancellationToken);
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
