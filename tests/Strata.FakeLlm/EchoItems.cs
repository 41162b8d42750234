using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Strata.FakeLlm;

/// <summary>The default answer: one empty result per item tag in the prompt, so packs of any size succeed.</summary>
internal static partial class EchoItems
{
    public static string Answer(string prompt)
    {
        var items = new JsonArray();
        foreach (Match match in ItemTag().Matches(prompt))
        {
            items.Add(new JsonObject { ["item_id"] = match.Groups[1].Value, ["entities"] = new JsonArray() });
        }
        return new JsonObject { ["items"] = items }.ToJsonString();
    }

    [GeneratedRegex("<item id=\"([^\"]+)\">")]
    private static partial Regex ItemTag();
}
