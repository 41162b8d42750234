using System.Net;
using System.Text;
using System.Text.Json;
using Strata.Core.Llm.Calls;

namespace Strata.Core.Extraction.Packing;

/// <summary>Turns a pack into one extraction call and its answer back into per-item results. Each item is sent
/// as <c>&lt;item id="…"&gt;text&lt;/item&gt;</c> (an item tag inside the text is broken with a zero-width space, so a source cannot forge an item, while every other character reaches the model as written and quotes come back locatable); the model answers
/// <c>{"items":[{"item_id":…}]}</c> under <see cref="PackSchema"/>. Use <see cref="CallAsync"/> as the executor's <see cref="PackCall"/>.</summary>
public sealed class PackExtraction(IModelClient client, PackPrompt prompt)
{
    private readonly JsonElement _schema = PackSchema.Wrap(prompt.ItemSchema);

    public async Task<PackAnswer> CallAsync(IReadOnlyList<WorkItem> pack, CancellationToken cancellationToken)
    {
        var request = new ExtractionRequest(prompt.Model, prompt.SystemPrompt, UserPrompt(pack), prompt.ToolName, _schema, prompt.MaxTokens)
        {
            Temperature = prompt.Temperature,
        };
        var response = await client.ExtractAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Input is not { } input) return new PackAnswer(new Dictionary<string, JsonElement>(), response.ParseError ?? "The answer did not parse.", response);
        if (!input.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return new PackAnswer(new Dictionary<string, JsonElement>(), "The answer has no \"items\" array.", response);
        }
        var wanted = pack.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("item_id", out var id) && id.GetString() is { } key && wanted.Contains(key))
            {
                results.TryAdd(key, item);
            }
        }
        return new PackAnswer(results, null, response);
    }

    public static string UserPrompt(IReadOnlyList<WorkItem> pack)
    {
        var text = new StringBuilder();
        foreach (var item in pack)
        {
            text.Append("<item id=\"").Append(WebUtility.HtmlEncode(item.Id)).Append("\">\n")
                .Append(Defused(item.Text)).Append("\n</item>\n");
        }
        return text.ToString();
    }

    private static string Defused(string text) => text.Contains("item", StringComparison.OrdinalIgnoreCase)
        ? text.Replace("<item", "<\u200Bitem", StringComparison.OrdinalIgnoreCase).Replace("</item", "</\u200Bitem", StringComparison.OrdinalIgnoreCase)
        : text;
}
