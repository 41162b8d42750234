using System.Text.Json.Serialization;
using Strata.Core.Duplicates.Scoring;

namespace Strata.Core.Schemas;

/// <summary>An entity type: its declared fields, how its canonical name is chosen and how it is named to a person.</summary>
/// <param name="EntityType">Lower-case type name, e.g. <c>contact</c> or <c>clause-review</c>.</param>
/// <param name="Fields">Declared fields by name.</param>
/// <param name="CanonicalName">Rules tried in order; a rule is a field name or several joined by <c>+</c>
/// (e.g. <c>title+start</c>). The first rule whose fields all have values names the entity.</param>
/// <param name="DisplayName">Rules like <paramref name="CanonicalName"/>'s (values joined by a space), tried first
/// against the entity's current snapshot to name it to a person; see <see cref="Snapshots.DisplayNames"/>. Optional:
/// left out, it is not written, so a schema without it keeps the uid it had before display names existed.</param>
/// <param name="Duplicates">How a duplicate scan compares two entities of the type; left out, derived by
/// <see cref="DefaultScoring"/>. Like <paramref name="DisplayName"/>, not written when absent.</param>
/// <param name="Identity">How records become one entity (key sets, distinguishing fields). Optional: left out, each
/// canonical-name rule is a key set (<see cref="IdentityDeclaration.Of"/>), and it is not written, so the uid stays.</param>
/// <param name="Prompt">How an LLM run treats the type (its model); optional and not written when absent, like the others.</param>
/// <param name="Block">Set on a block schema (docs/review.md): the JSON Schema properties as given and the prompt config.
/// Its entities are one per (block, schema), named by <c>block_uid</c>. Not written when absent.</param>
/// <param name="Relations">Relation types starting from this type's entities, by name (docs/graph.md); they replace a
/// built-in type of the same name. Not written when absent, so a schema without them keeps its uid.</param>
/// <param name="Graph">Which fields become nodes of their own in a Neo4j export (<see cref="GraphMapping"/>). Not written
/// when absent, like the others.</param>
public sealed record SchemaDefinition(
    string EntityType,
    IReadOnlyDictionary<string, FieldDefinition> Fields,
    IReadOnlyList<string> CanonicalName,
    string? Description = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? DisplayName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DuplicateScoring? Duplicates = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IdentityDeclaration? Identity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SchemaPrompt? Prompt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BlockSpec? Block = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, RelationDeclaration>? Relations = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GraphMapping? Graph = null);

/// <summary>A schema as stored: a definition with its version and content hash.</summary>
public sealed record RegisteredSchema(
    SchemaDefinition Definition,
    int Version,
    string SchemaUid,
    bool BuiltIn,
    DateTimeOffset CreatedAt);
