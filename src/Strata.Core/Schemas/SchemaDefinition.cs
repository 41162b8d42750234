namespace Strata.Core.Schemas;

/// <summary>An entity type: its declared fields and how its canonical name is chosen.</summary>
/// <param name="EntityType">Lower-case type name, e.g. <c>contact</c> or <c>clause-review</c>.</param>
/// <param name="Fields">Declared fields by name.</param>
/// <param name="CanonicalName">Rules tried in order; a rule is a field name or several joined by <c>+</c>
/// (e.g. <c>title+start</c>). The first rule whose fields all have values names the entity.</param>
public sealed record SchemaDefinition(
    string EntityType,
    IReadOnlyDictionary<string, FieldDefinition> Fields,
    IReadOnlyList<string> CanonicalName,
    string? Description = null);

/// <summary>A schema as stored: a definition with its version and content hash.</summary>
public sealed record RegisteredSchema(
    SchemaDefinition Definition,
    int Version,
    string SchemaUid,
    bool BuiltIn,
    DateTimeOffset CreatedAt);
