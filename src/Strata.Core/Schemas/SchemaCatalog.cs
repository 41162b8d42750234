using Strata.Core.Relations;

namespace Strata.Core.Schemas;

/// <summary>The schemas in force for one user: the built-ins, overridden by the user's latest registered versions.</summary>
public sealed class SchemaCatalog
{
    private readonly Dictionary<string, SchemaDefinition> _byType;
    private RelationTypeCatalog? _relations;

    public SchemaCatalog(IEnumerable<RegisteredSchema> userSchemas)
    {
        _byType = BuiltInSchemas.All.ToDictionary(s => s.EntityType, StringComparer.Ordinal);
        foreach (var schema in userSchemas)
        {
            _byType[schema.Definition.EntityType] = schema.Definition;
        }
    }

    public static async Task<SchemaCatalog> LoadAsync(ISchemaReader store, CancellationToken cancellationToken) =>
        new(await store.ListLatestAsync(cancellationToken));

    /// <summary>Every schema in force, the generic fallback included.</summary>
    public IEnumerable<SchemaDefinition> All => _byType.Values;

    /// <summary>Every type in force (built-in and registered), e.g. for an LLM prompt that lists what it may extract.</summary>
    public IEnumerable<string> EntityTypes => _byType.Keys;

    /// <summary>The types a model may extract: all but the memory server profile's, which only its tools write (an
    /// extracted one would carry none of the calls the profile folds).</summary>
    public IEnumerable<string> ExtractedTypes => EntityTypes.Where(t => t != BuiltInSchemas.MemoryEntity);

    /// <summary>The relation types in force: the built-ins, replaced by name by those these schemas declare.</summary>
    public RelationTypeCatalog Relations => _relations ??= new RelationTypeCatalog(All);

    public SchemaDefinition Generic => _byType[BuiltInSchemas.Generic];

    /// <summary>The schema for a type name, or null when no schema declares it.</summary>
    public SchemaDefinition? Find(string? entityType) =>
        entityType is not null && _byType.TryGetValue(entityType, out var schema) ? schema : null;

    /// <summary>The schema an existing entity of this type is reduced with (generic when the type has none).</summary>
    public SchemaDefinition ForEntity(string entityType) => Find(entityType) ?? Generic;
}
