using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Core.Hashing;
using Strata.Core.Schemas;

namespace Strata.Core.Extraction;

/// <summary>
/// The fixed part of an LLM run's calls, built from the user's schema registry: the system prompt (the template with the
/// allowed types and their fields filled in) and the JSON Schema of one item's answer. Both are recorded in the run's
/// config, so the run can be reproduced and its calls compared with what it recorded.
/// </summary>
public sealed record ExtractionPrompt(string SystemPrompt, JsonElement ItemSchema)
{
    public const string ToolName = "record_entities";

    /// <summary>Changing this text changes <see cref="TemplateHash"/>, which every run records.</summary>
    public const string Template = """
        You extract structured records from text for a personal memory store.
        The text comes in sections, each <item id="..."> ... </item>. For every item, answer with its item_id and the
        entities the item's text states: people, organisations, tasks, events, facts and the other types below.
        Use only these entity types and, for each, only its listed fields:
        {types}
        For every field give its value as written or normalised (dates as YYYY-MM-DD, date-times as ISO 8601) and an
        evidence quote: a short span copied character for character from the item's text that states the value.
        Leave out what the text does not state; never invent values. An item with nothing to record gets an empty
        entities list.
        Give also the relations the item's text states between its entities: from and to are positions in that item's
        entities list (0 for the first) and relation_type is one of these, read from → to, or else a short snake_case verb:
        {relations}
        An item stating no relation gets an empty relations list. Answer through the record_entities tool only.
        """;

    public static string TemplateHash => Sha256Hex.Of(Template);

    public string SystemPromptHash => Sha256Hex.Of(SystemPrompt);

    public static ExtractionPrompt For(SchemaCatalog catalog, IEnumerable<string> types) => For(catalog, types, Template);

    /// <summary>A prompt from another template with the same <c>{types}</c> slot and answer shape (the chat full pass's); the
    /// answer holds relations only when the template has the <c>{relations}</c> slot that asks for them.</summary>
    public static ExtractionPrompt For(SchemaCatalog catalog, IEnumerable<string> types, string template)
    {
        var schemas = types.Select(catalog.Find).OfType<SchemaDefinition>()
            .Where(s => s.EntityType != BuiltInSchemas.Generic)
            .OrderBy(s => s.EntityType, StringComparer.Ordinal).ToList();
        var list = new StringBuilder();
        foreach (var schema in schemas)
        {
            list.Append("- ").Append(schema.EntityType);
            if (schema.Description is { Length: > 0 } description) list.Append(" (").Append(description).Append(')');
            list.Append(": ");
            list.AppendJoin(", ", schema.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => Describe(f.Key, f.Value)));
            list.Append('\n');
        }
        var prompt = template.Replace("{types}", list.ToString().TrimEnd(), StringComparison.Ordinal);
        var withRelations = template.Contains("{relations}", StringComparison.Ordinal);
        if (withRelations) prompt = prompt.Replace("{relations}", RelationList(catalog), StringComparison.Ordinal);
        return new ExtractionPrompt(prompt, ItemSchemaFor(schemas.Select(s => s.EntityType).ToList(), withRelations));
    }

    private static string RelationList(SchemaCatalog catalog)
    {
        var list = new StringBuilder();
        foreach (var type in catalog.Relations.All.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            list.Append("- ").Append(type.Name).Append(' ')
                .Append(type.FromTypes.Count > 0 ? string.Join("|", type.FromTypes) : "any").Append(" → ")
                .Append(type.ToTypes.Count > 0 ? string.Join("|", type.ToTypes) : "any")
                .Append(" (").Append(type.Description).Append(type.OneCurrentPerFrom ? " One at a time." : "").Append(")\n");
        }
        return list.ToString().TrimEnd();
    }

    private static string Describe(string name, FieldDefinition field) => field.Type switch
    {
        FieldTypes.Enum when field.Values is { Count: > 0 } values => $"{name} (one of {string.Join("|", values)})",
        FieldTypes.Array => $"{name} (list of text)",
        _ => $"{name} ({field.Type})",
    };

    /// <summary>Strict-mode friendly: every property required, no others, so OpenAI's json_schema accepts it as is.</summary>
    private static JsonElement ItemSchemaFor(IReadOnlyList<string> types, bool withRelations)
    {
        var typeEnum = new JsonArray();
        foreach (var type in types) typeEnum.Add(type);
        var value = new JsonObject
        {
            ["anyOf"] = new JsonArray(
                new JsonObject { ["type"] = "string" },
                new JsonObject { ["type"] = "number" },
                new JsonObject { ["type"] = "boolean" },
                new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }),
        };
        var field = Strict(new JsonObject
        {
            ["name"] = new JsonObject { ["type"] = "string" },
            ["value"] = value,
            ["evidence"] = new JsonObject { ["type"] = "string" },
        });
        var entity = Strict(new JsonObject
        {
            ["entity_type"] = new JsonObject { ["type"] = "string", ["enum"] = typeEnum },
            ["fields"] = new JsonObject { ["type"] = "array", ["items"] = field },
        });
        var item = new JsonObject { ["entities"] = new JsonObject { ["type"] = "array", ["items"] = entity } };
        if (withRelations)
        {
            item["relations"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = Strict(new JsonObject
                {
                    ["from"] = new JsonObject { ["type"] = "integer" },
                    ["relation_type"] = new JsonObject { ["type"] = "string" },
                    ["to"] = new JsonObject { ["type"] = "integer" },
                }),
            };
        }
        var strictItem = Strict(item);
        return JsonDocument.Parse(strictItem.ToJsonString()).RootElement.Clone();
    }

    private static JsonObject Strict(JsonObject properties)
    {
        var required = new JsonArray();
        foreach (var (name, _) in properties) required.Add(name);
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }
}
