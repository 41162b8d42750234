using System.Text.Json;
using System.Text.Json.Nodes;

namespace Strata.Core.Extraction.Packing;

/// <summary>The answer schema of a pack: <c>{"items":[{"item_id": …, …the item schema…}]}</c>. Strict structured
/// output needs every property required and no others, so <c>item_id</c> joins the item schema's required list.</summary>
public static class PackSchema
{
    public static JsonElement Wrap(JsonElement itemSchema)
    {
        var item = JsonNode.Parse(itemSchema.GetRawText())!.AsObject();
        var properties = item["properties"] as JsonObject ?? new JsonObject();
        var withId = new JsonObject { ["item_id"] = new JsonObject { ["type"] = "string" } };
        foreach (var (name, value) in properties) withId[name] = value?.DeepClone();
        item["properties"] = withId;
        var required = new JsonArray("item_id");
        foreach (var name in item["required"] as JsonArray ?? []) required.Add(name?.DeepClone());
        item["required"] = required;
        item["type"] = "object";
        item["additionalProperties"] = false;
        var pack = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["items"] = new JsonObject { ["type"] = "array", ["items"] = item } },
            ["required"] = new JsonArray("items"),
            ["additionalProperties"] = false,
        };
        return JsonDocument.Parse(pack.ToJsonString()).RootElement.Clone();
    }
}
