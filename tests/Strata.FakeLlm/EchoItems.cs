using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Strata.FakeLlm;

/// <summary>The default answer: one empty result per item tag in the prompt, so packs of any size succeed. With
/// <see cref="PerItemReply"/> rules, an item whose text contains a rule's text gets that rule's entities instead.</summary>
internal static partial class EchoItems
{
    public static string Answer(string prompt, PerItemReply? perItem = null)
    {
        var items = new JsonArray();
        foreach (Match match in ItemTag().Matches(prompt))
        {
            var rule = perItem?.Items.FirstOrDefault(r => match.Groups[2].Value.Contains(r.WhenItemContains, StringComparison.Ordinal));
            items.Add(new JsonObject { ["item_id"] = match.Groups[1].Value, ["entities"] = rule?.Entities.DeepClone() ?? new JsonArray() });
        }
        return new JsonObject { ["items"] = items }.ToJsonString();
    }

    [GeneratedRegex("<item id=\"([^\"]+)\">(.*?)</item>", RegexOptions.Singleline)]
    private static partial Regex ItemTag();
}
