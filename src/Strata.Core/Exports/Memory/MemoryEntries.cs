using System.Text.Json;
using Strata.Core.Observations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Exports.Memory;

/// <summary>A page of snapshots made into cited entries: the winning observations, the relations holding now from the
/// page's entities, their sources and the other ends' names are read once for the page, not once per value.</summary>
internal static class MemoryEntries
{
    public static async Task<IReadOnlyList<MemoryEntry>> ReadAsync(IStoreReader session, SchemaCatalog catalog, IReadOnlyList<Snapshot> page,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = page.Select(s => s.EntityId).ToHashSet(StringComparer.Ordinal);
        var observations = await session.Observations.GetManyAsync(page.SelectMany(s => s.Provenance.Values).ToHashSet(StringComparer.Ordinal), cancellationToken);
        var relations = (await session.Relations.HoldingAsync(ids, now, cancellationToken))
            .Where(r => ids.Contains(r.FromEntityId))
            .OrderBy(r => r.RelationType, StringComparer.Ordinal).ThenBy(r => r.ToEntityId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var ends = (await session.Relations.NamedEndsAsync(relations.Select(r => r.ToEntityId).ToHashSet(StringComparer.Ordinal), cancellationToken))
            .ToDictionary(e => e.EntityId, e => EndName(catalog, e), StringComparer.Ordinal);
        var sources = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var sourceId in observations.Values.Select(o => o.SourceId).Concat(relations.Select(r => r.SourceId)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            sources[sourceId] = (await session.Sources.GetAsync(sourceId, cancellationToken))?.OriginalFilename;
        }

        MemoryCitation Cite(Observation o) => new(o.Id, o.Kind, o.SourceId, o.SourceId is null ? null : sources.GetValueOrDefault(o.SourceId), o.RunId, o.ObservedAt);

        var byFrom = relations.ToLookup(r => r.FromEntityId, StringComparer.Ordinal);
        return page.Select(snapshot =>
        {
            var schema = catalog.ForEntity(snapshot.EntityType);
            var values = snapshot.Fields
                .OrderBy(f => Order(schema, f.Key)).ThenBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new MemoryValue(f.Key, f.Value,
                    snapshot.Provenance.TryGetValue(f.Key, out var won) && observations.TryGetValue(won, out var o) ? Cite(o) : null))
                .ToList();
            var held = byFrom[snapshot.EntityId].Select(r => new MemoryRelation(r.RelationType, r.ToEntityId, ends.GetValueOrDefault(r.ToEntityId) ?? r.ToEntityId,
                r.PropertiesJson, r.ValidFrom, r.ValidTo,
                new MemoryCitation(r.Id, "relation", r.SourceId, sources.GetValueOrDefault(r.SourceId), r.RunId, r.ObservedAt))).ToList();
            return new MemoryEntry(snapshot.EntityId, snapshot.EntityType, DisplayNames.Of(catalog, snapshot), snapshot.UpdatedAt, snapshot.ObservationCount, values, held);
        }).ToList();
    }

    /// <summary>Declared fields in the schema's order, then any other field.</summary>
    private static int Order(SchemaDefinition schema, string field)
    {
        var index = 0;
        foreach (var declared in schema.Fields.Keys)
        {
            if (declared == field) return index;
            index++;
        }
        return int.MaxValue;
    }

    private static string EndName(SchemaCatalog catalog, Relations.NamedEnd end)
    {
        using var fields = JsonDocument.Parse(end.FieldsJson);
        var values = fields.RootElement.ValueKind == JsonValueKind.Object
            ? fields.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : [];
        return DisplayNames.Of(catalog.ForEntity(end.EntityType), values, end.CanonicalName);
    }
}
