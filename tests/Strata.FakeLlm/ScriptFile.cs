using System.Text.Json;
using System.Text.Json.Nodes;

namespace Strata.FakeLlm;

/// <summary>
/// Rules for the runnable fake (<c>--script FILE</c>), so a person can try Strata's LLM path by hand: a JSON array of
/// rules, tried in order, each <c>{"when": "text in the prompt", "times": N, "delay_ms": N}</c> plus one reply:
/// <c>"items"</c> (<c>[{"when": "text in an item", "entities": [...]}]</c>: each item of the pack answered by the first
/// entry its text contains, others with no entities), <c>"fields"</c> (<c>{"topic": "first_line", "risk": {"cases":
/// {"deposit": 4}, "else": 1}}</c>: each item of the pack answered with those fields, each filled from that block's text
/// by its rule, see <see cref="BlockFieldFill"/>: the answer of a block schema's run), <c>"json"</c> (an object, or its text), <c>"text"</c> (free text: fenced, prose, malformed), <c>"truncated"</c>
/// (cut at max_tokens), or <c>"status"</c> with an optional <c>"retry_after"</c>. Prompts no rule matches are echoed
/// with empty results.
/// </summary>
public static class ScriptFile
{
    public static int Load(string path, FakeScript script)
    {
        var rules = JsonNode.Parse(File.ReadAllText(path)) as JsonArray
            ?? throw new InvalidDataException($"{path} must hold a JSON array of rules.");
        foreach (var rule in rules)
        {
            if (rule is not JsonObject node) throw new InvalidDataException($"{path}: every rule is an object.");
            var reply = ReplyOf(node, path);
            if (node["delay_ms"]?.GetValue<int>() is { } delay) reply = reply with { Delay = TimeSpan.FromMilliseconds(delay) };
            script.When(node["when"]?.GetValue<string>(), reply, node["times"]?.GetValue<int>());
        }
        return rules.Count;
    }

    private static FakeReply ReplyOf(JsonObject rule, string path) =>
        rule["items"] is JsonArray items ? FakeReply.PerItem(items.Select(i => new ItemEntities(
                i?["when"]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: each of items needs when."),
                i["entities"]?.AsArray() is { } entities ? (JsonArray)entities.DeepClone() : []))
            .ToArray())
        : rule["fields"] is JsonObject fields ? FakeReply.BlockFields(fields.Select(f => KeyValuePair.Create(f.Key, BlockFieldFill.Parse(f.Key, f.Value, path))).ToList())
        : rule["json"] is { } json ? FakeReply.Json(json.GetValueKind() == JsonValueKind.String ? json.GetValue<string>() : json.ToJsonString())
        : rule["text"] is { } text ? FakeReply.Text(text.GetValue<string>())
        : rule["truncated"] is { } cut ? FakeReply.Truncated(cut.GetValue<string>())
        : rule["status"] is { } status ? FakeReply.Status(status.GetValue<int>(), rule["retry_after"]?.ToString())
        : throw new InvalidDataException($"{path}: a rule needs one of items, fields, json, text, truncated or status.");
}
