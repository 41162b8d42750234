using System.Text.Json;
using Strata.Core.Entities.Identity;
using Strata.Core.Observations;
using Strata.Core.Schemas;

namespace Strata.Core.Entities.Splits;

/// <summary>The identity a stored observation states, as its record stated it when written: what its keys are when it
/// moves to another entity or is resolved again.</summary>
public static class ObservationIdentity
{
    public static RecordIdentity Of(SchemaCatalog catalog, string entityType, IReadOnlyDictionary<string, JsonElement> fields)
    {
        var schema = catalog.ForEntity(entityType);
        if (schema.EntityType != Schemas.BuiltInSchemas.Generic) return RecordIdentity.Of(schema, fields, fields);
        // A generic record was named by its raw values and suggested type, as when it was shaped.
        var naming = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (fields.TryGetValue("raw_data", out var raw) && raw.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in raw.EnumerateObject()) naming[property.Name] = property.Value;
        }
        naming["suggested_type"] = fields.TryGetValue("suggested_type", out var suggested)
            ? suggested
            : JsonSerializer.SerializeToElement("unknown", CoreJsonContext.Default.String);
        return RecordIdentity.Of(schema, naming, naming);
    }

    /// <summary>Every key the observations of one entity hold, for the key index.</summary>
    public static List<EntityKeyHolder> KeysOf(SchemaCatalog catalog, Entity entity, IEnumerable<Observation> observations) =>
        observations.Where(o => o.Kind != ObservationKinds.Correction)
            .SelectMany(o => Of(catalog, entity.EntityType, o.Fields).Keys)
            .Select(k => k.Hash).Distinct(StringComparer.Ordinal)
            .Select(hash => new EntityKeyHolder(hash, entity.Id, entity.EntityType)).ToList();
}
