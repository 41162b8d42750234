using System.Text.Json;

namespace Strata.Core.Schemas;

/// <summary>A block schema as a person writes it: <c>{"schema_ref", "description", "properties": {JSON Schema},
/// "required", "prompt_config", "revision_field"}</c>.</summary>
/// <param name="RevisionField">The string property whose confirmed value is a block's revised text (reconstruction).</param>
public sealed record BlockSchemaInput(
    string? SchemaRef,
    string? Description,
    JsonElement? Properties,
    IReadOnlyList<string>? Required,
    PromptConfig? PromptConfig,
    string? RevisionField = null);
