using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Core.Hashing;
using Strata.Core.Schemas;

namespace Strata.Core.Review;

/// <summary>What a block run sends with every call: the system prompt (the schema's instructions and per-block prompt
/// around a fixed template) and the JSON Schema of one block's answer (the schema's properties as given).</summary>
public sealed record BlockPrompt(string SystemPrompt, JsonElement ItemSchema)
{
    /// <summary>Changing this text changes every new run's prompt hash.</summary>
    public const string Template = """
        You fill in fields for blocks of a document (headings, paragraphs, list items, tables...).
        The blocks come each as <item id="..."> ... </item>. For every item, answer with its item_id and the fields
        below, judged from that block's text alone. Use null for a field the block gives no value for; never invent.
        """;

    public string Hash => Sha256Hex.Of(SystemPrompt + "\n" + ItemSchema.GetRawText());

    public static BlockPrompt For(SchemaDefinition schema)
    {
        var block = schema.Block ?? throw new ArgumentException($"Schema '{schema.EntityType}' is not a block schema.", nameof(schema));
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(block.PromptConfig.System)) text.Append(block.PromptConfig.System.Trim()).Append("\n\n");
        text.Append(Template);
        text.Append("\nSchema '").Append(schema.EntityType).Append('\'');
        if (!string.IsNullOrWhiteSpace(schema.Description)) text.Append(": ").Append(schema.Description.Trim());
        text.Append('\n');
        if (!string.IsNullOrWhiteSpace(block.PromptConfig.BlockPrompt)) text.Append('\n').Append(block.PromptConfig.BlockPrompt.Trim()).Append('\n');
        var item = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = JsonNode.Parse(block.Properties.GetRawText()),
            ["required"] = new JsonArray((block.Required ?? []).Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
        };
        using var schemaJson = JsonDocument.Parse(item.ToJsonString());
        return new BlockPrompt(text.ToString(), schemaJson.RootElement.Clone());
    }
}
