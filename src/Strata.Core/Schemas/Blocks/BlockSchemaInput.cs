using System.Text.Json;

namespace Strata.Core.Schemas;

/// <summary>A block schema as a person writes it: <c>{"schema_ref", "description", "properties": {JSON Schema},
/// "required", "prompt_config"}</c>.</summary>
public sealed record BlockSchemaInput(
    string? SchemaRef,
    string? Description,
    JsonElement? Properties,
    IReadOnlyList<string>? Required,
    PromptConfig? PromptConfig);
