using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Strata.FakeLlm;

/// <summary>The default answer: one empty result per item tag in the prompt, so packs of any size succeed.</summary>
internal static partial class EchoItems
{
    public static string Answer(string prompt, string? fields = null)
    {
        var items = new JsonArray();
        foreach (Match match in ItemTag().Matches(prompt))
        {
            var item = fields is null ? new JsonObject { ["entities"] = new JsonArray() } : JsonNode.Parse(fields)!.AsObject();
            item.Insert(0, "item_id", match.Groups[1].Value);
            items.Add(item);
        }
        return new JsonObject { ["items"] = items }.ToJsonString();
    }

    [GeneratedRegex("<item id=\"([^\"]+)\">")]
    private static partial Regex ItemTag();
}
