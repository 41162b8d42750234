using System.Text.Json;
using Strata.Core.Entities;
using Strata.Core.MemoryServer;
using Strata.Core.Observations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Snapshots;

/// <summary>Recomputes and stores an entity's snapshot, search text and timeline events from its observations.</summary>
public static class SnapshotRefresher
{
    public static async Task<Snapshot> RefreshAsync(IStoreSession session, SchemaCatalog catalog, Entity entity, CancellationToken cancellationToken) =>
        await SaveAsync(session, Prepare(catalog, entity, await session.Observations.ListForEntityAsync(entity.Id, null, cancellationToken)), cancellationToken);

    /// <summary>The snapshot, search text and timeline events of an entity with these observations (all it has, in creation order).</summary>
    public static PreparedSnapshot Prepare(SchemaCatalog catalog, Entity entity, IReadOnlyList<Observation> observations)
    {
        var schema = catalog.ForEntity(entity.EntityType);
        var snapshot = Compute(schema, entity, observations);
        var memory = entity.EntityType == BuiltInSchemas.MemoryEntity;
        return new PreparedSnapshot(snapshot, SearchTexts.Of(snapshot.EntityType, snapshot.CanonicalName, snapshot.Fields), Timeline(schema, snapshot),
            memory ? MemoryEntityText.Of(observations) : null, memory ? MemoryEntityState.Of(observations) : null);
    }

    public static async Task<Snapshot> SaveAsync(IStoreSession session, PreparedSnapshot prepared, CancellationToken cancellationToken)
    {
        await session.Entities.SaveSnapshotAsync(prepared, cancellationToken);
        return prepared.Snapshot;
    }

    public static async Task<Snapshot> ComputeAsync(IStoreReader session, SchemaCatalog catalog, Entity entity, DateTimeOffset? asOf, CancellationToken cancellationToken) =>
        Compute(catalog.ForEntity(entity.EntityType), entity, await session.Observations.ListForEntityAsync(entity.Id, asOf, cancellationToken));

    private static Snapshot Compute(SchemaDefinition schema, Entity entity, IReadOnlyList<Observation> observations)
    {
        var (fields, provenance) = Reducer.Reduce(schema, observations);
        var updatedAt = observations.Count > 0 ? observations.Max(o => o.CreatedAt) : entity.CreatedAt;
        return new Snapshot(entity.Id, entity.EntityType, entity.CanonicalName, fields, provenance,
            observations.Count, updatedAt, entity.MergedInto);
    }

    /// <summary>Each event is labelled with the entity's display name: a contact by its name, never by a field such as
    /// its job title that merely happens to be called "title".</summary>
    private static List<TimelineEvent> Timeline(SchemaDefinition schema, Snapshot snapshot)
    {
        var label = DisplayNames.Of(schema, snapshot.Fields, snapshot.CanonicalName);
        return schema.Fields
            .Where(f => f.Value.Timeline && snapshot.Fields.TryGetValue(f.Key, out var v) && v.ValueKind == JsonValueKind.String)
            .Select(f => new TimelineEvent(snapshot.EntityId, snapshot.EntityType, snapshot.CanonicalName, label, f.Key, snapshot.Fields[f.Key].GetString()!))
            .ToList();
    }
}

/// <summary>What <see cref="SnapshotRefresher"/> stores for an entity: its snapshot, the text it is searched by, its timeline
/// events, and for a <c>memory_entity</c> the text <c>search_nodes</c> chooses it by (<see cref="MemoryEntityText"/>) and
/// what it holds now in the profile's shape (<see cref="MemoryEntityState"/>).</summary>
public sealed record PreparedSnapshot(Snapshot Snapshot, string SearchText, IReadOnlyList<TimelineEvent> Timeline, string? MemoryText = null,
    MemoryEntityState? MemoryState = null);
