using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Strata.FakeLlm;

/// <summary>The default answer: one empty result per item tag in the prompt, so packs of any size succeed. With
/// <see cref="PerItemReply"/> rules, an item whose text contains a rule's text gets that rule's entities instead; with a
/// <see cref="BlockFieldsReply"/>, each item gets fields filled from its own text.</summary>
internal static partial class EchoItems
{
    public static string Answer(string prompt, PerItemReply? perItem = null, string? fields = null, BlockFieldsReply? blockFields = null)
    {
        var items = new JsonArray();
        foreach (Match match in ItemTag().Matches(prompt))
        {
            var rule = perItem?.Items.FirstOrDefault(r => match.Groups[2].Value.Contains(r.WhenItemContains, StringComparison.Ordinal));
            var item = rule is not null ? new JsonObject { ["entities"] = rule.Entities.DeepClone() }
                : blockFields is not null ? Filled(blockFields, BlockFieldFill.BlockText(match.Groups[2].Value))
                : fields is null ? new JsonObject { ["entities"] = new JsonArray() } : JsonNode.Parse(fields)!.AsObject();
            item.Insert(0, "item_id", match.Groups[1].Value);
            items.Add(item);
        }
        return new JsonObject { ["items"] = items }.ToJsonString();
    }

    private static JsonObject Filled(BlockFieldsReply reply, string blockText)
    {
        var item = new JsonObject();
        foreach (var (field, fill) in reply.Fields) item[field] = fill.ValueFor(blockText);
        return item;
    }

    [GeneratedRegex("<item id=\"([^\"]+)\">(.*?)</item>", RegexOptions.Singleline)]
    private static partial Regex ItemTag();
}
