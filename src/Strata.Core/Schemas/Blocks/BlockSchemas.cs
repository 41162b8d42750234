using System.Text.Json;
using System.Text.RegularExpressions;
using Strata.Core.Errors;

namespace Strata.Core.Schemas;

/// <summary>
/// Turns a block schema as written into a schema of the registry: the JSON Schema properties become declared fields
/// (so confirmed values reduce into snapshots like any others), plus <c>block_uid</c>, which names the one entity per
/// (block, schema). The properties and the prompt config are kept as given in <see cref="BlockSpec"/>.
/// </summary>
public static partial class BlockSchemas
{
    /// <summary>The field naming the block an entity of a block schema describes.</summary>
    public const string BlockUidField = "block_uid";

    public const int MaxTokensPerBlockLimit = 32_000;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    public static partial Regex SchemaRefPattern();

    public static SchemaDefinition Define(BlockSchemaInput input)
    {
        var problems = new List<string>();
        if (input.SchemaRef is null || !SchemaRefPattern().IsMatch(input.SchemaRef))
        {
            problems.Add("schema_ref must match ^[a-z0-9][a-z0-9_-]{0,63}$ (lower-case letters, digits, '_' or '-')");
        }
        else if (BuiltInSchemas.All.Any(s => s.EntityType == input.SchemaRef))
        {
            problems.Add($"schema_ref '{input.SchemaRef}' is a built-in entity type; choose another");
        }
        var fields = new Dictionary<string, FieldDefinition>(StringComparer.Ordinal);
        if (input.Properties is not { ValueKind: JsonValueKind.Object } properties || !properties.EnumerateObject().Any())
        {
            problems.Add("properties must be a JSON Schema properties object declaring at least one field");
        }
        else
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (property.Name == BlockUidField) { problems.Add($"'{BlockUidField}' is reserved (it names the block)"); continue; }
                if (Field(property.Name, property.Value, problems) is { } field) fields[property.Name] = field;
            }
        }
        foreach (var name in input.Required ?? [])
        {
            if (!fields.ContainsKey(name ?? "")) problems.Add($"required names '{name}', which is not a declared property");
        }
        if (input.RevisionField is { } revision && (!fields.TryGetValue(revision, out var revised) || revised.Type != FieldTypes.String))
        {
            problems.Add($"revision_field names '{revision}', which is not a declared string property");
        }
        var prompt = input.PromptConfig ?? new PromptConfig();
        CheckPrompt(prompt, problems);
        if (problems.Count > 0) throw StrataException.Validation("The block schema is not valid: " + string.Join("; ", problems) + ".");

        fields[BlockUidField] = new FieldDefinition(FieldTypes.String, Description: "The block this entity describes.");
        var schema = new SchemaDefinition(input.SchemaRef!, fields, [BlockUidField], input.Description,
            Identity: new IdentityDeclaration([[BlockUidField]]),
            Block: new BlockSpec(input.Properties!.Value.Clone(), input.Required, prompt, input.RevisionField));
        SchemaValidator.Validate(schema);
        return schema;
    }

    private static FieldDefinition? Field(string name, JsonElement property, List<string> problems)
    {
        if (property.ValueKind != JsonValueKind.Object) { problems.Add($"property '{name}' must be an object"); return null; }
        var description = property.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (property.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0
                || values.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                problems.Add($"property '{name}': enum must list strings");
                return null;
            }
            return new FieldDefinition(FieldTypes.Enum, values.EnumerateArray().Select(v => v.GetString()!).ToList(), Description: description);
        }
        var type = TypeOf(property);
        var format = property.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        string? fieldType = type switch
        {
            "string" when format == "date" => FieldTypes.Date,
            "string" when format == "date-time" => FieldTypes.Datetime,
            "string" => FieldTypes.String,
            "number" or "integer" => FieldTypes.Number,
            "boolean" => FieldTypes.Boolean,
            "array" => FieldTypes.Array,
            "object" => FieldTypes.Object,
            _ => null,
        };
        if (fieldType is null) problems.Add($"property '{name}': type must be string, number, integer, boolean, array or object (or an enum)");
        return fieldType is null ? null : new FieldDefinition(fieldType, Description: description);
    }

    /// <summary>The type named, or the first that is not null of a list such as <c>["string", "null"]</c>.</summary>
    private static string? TypeOf(JsonElement property)
    {
        if (!property.TryGetProperty("type", out var type)) return null;
        if (type.ValueKind == JsonValueKind.String) return type.GetString();
        if (type.ValueKind != JsonValueKind.Array) return null;
        return type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()).FirstOrDefault(t => t != "null");
    }

    private static void CheckPrompt(PromptConfig prompt, List<string> problems)
    {
        if (prompt.Temperature is { } t && t is < 0 or > 2) problems.Add("prompt_config.temperature must be between 0 and 2");
        if (prompt.MaxTokensPerBlock is { } m && m is < 1 or > MaxTokensPerBlockLimit)
        {
            problems.Add($"prompt_config.max_tokens_per_block must be between 1 and {MaxTokensPerBlockLimit}");
        }
        if (prompt.MaxBlocksPerCall is { } b && b is < 1 or > PromptConfig.MaxBlocksPerCallLimit)
        {
            problems.Add($"prompt_config.max_blocks_per_call must be between 1 and {PromptConfig.MaxBlocksPerCallLimit}");
        }
        if (prompt.Model is { } model && (model.IndexOf('/', StringComparison.Ordinal) is var slash && (slash < 1 || slash == model.Length - 1)))
        {
            problems.Add("prompt_config.model must be provider/model, such as anthropic/claude-sonnet-4-5");
        }
    }
}
